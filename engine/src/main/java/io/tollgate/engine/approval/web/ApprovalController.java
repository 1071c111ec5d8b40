package io.tollgate.engine.approval.web;

import io.tollgate.engine.approval.ApprovalService;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.workflow.Retries;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/tasks")
class ApprovalController {

    private final ApprovalService approvals;
    private final ProjectService projects;
    private final Actors actors;
    private final Retries retries;

    ApprovalController(ApprovalService approvals, ProjectService projects, Actors actors, Retries retries) {
        this.approvals = approvals;
        this.projects = projects;
        this.actors = actors;
        this.retries = retries;
    }

    @PostMapping("/{id}/signers")
    ProjectView signers(@PathVariable String id, @RequestBody(required = false) ApprovalService.SignersRequest body) {
        Actor actor = actors.current();
        String projectId = retries.inTransaction(() -> approvals.changeSigners(id, body, actor));
        return projects.view(projectId, actor);
    }

    @PostMapping("/{id}/decision")
    ProjectView decide(@PathVariable String id, @RequestBody(required = false) ApprovalService.DecisionRequest body) {
        if (body == null) {
            throw Problems.invalidFields("Send {decision, comment}.", List.of(new Problems.FieldError("decision",
                    "decision is approve, reject or send_back.")));
        }
        Actor actor = actors.current();
        String projectId = retries.inTransaction(() -> approvals.decide(id, body, actor));
        return projects.view(projectId, actor);
    }
}
