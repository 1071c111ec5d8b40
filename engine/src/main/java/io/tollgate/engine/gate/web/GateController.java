package io.tollgate.engine.gate.web;

import io.tollgate.engine.gate.GateService;
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
class GateController {

    private final GateService gates;
    private final ProjectService projects;
    private final Actors actors;
    private final Retries retries;

    GateController(GateService gates, ProjectService projects, Actors actors, Retries retries) {
        this.gates = gates;
        this.projects = projects;
        this.actors = actors;
        this.retries = retries;
    }

    @PostMapping("/{id}/decision")
    ProjectView decide(@PathVariable String id, @RequestBody(required = false) GateService.DecisionRequest body) {
        if (body == null) {
            throw Problems.invalidFields("Send {decision, comment}.", List.of(new Problems.FieldError("decision",
                    "decision is approve, reject or send_back.")));
        }
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.view(gates.decide(id, body, actor)));
    }

    @PostMapping("/{id}/signers")
    ProjectView signers(@PathVariable String id, @RequestBody(required = false) GateService.SignersRequest body) {
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.view(gates.changeSigners(id, body, actor)));
    }
}
