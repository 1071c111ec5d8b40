package io.tollgate.engine.work.web;

import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.work.WorkService;
import io.tollgate.engine.workflow.Retries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final WorkService work;
    private final ProjectService projects;
    private final Actors actors;
    private final Retries retries;

    TaskController(WorkService work, ProjectService projects, Actors actors, Retries retries) {
        this.work = work;
        this.projects = projects;
        this.actors = actors;
        this.retries = retries;
    }

    /** Field values that come with completing a task. */
    record CompleteRequest(Map<String, Object> fields) {
    }

    /** Who takes a task over. */
    record DelegateRequest(String to) {
    }

    @GetMapping
    List<WorkService.InboxItem> inbox(@RequestParam(required = false) String project) {
        return work.inbox(actors.current(), project);
    }

    @PostMapping("/{id}/complete")
    ProjectView complete(@PathVariable String id, @RequestBody(required = false) CompleteRequest body) {
        Actor actor = actors.current();
        Map<String, Object> fields = body == null || body.fields() == null ? Map.of() : body.fields();
        return retries.inTransaction(() -> projects.view(work.complete(id, fields, actor)));
    }

    @PostMapping("/{id}/delegate")
    ProjectView delegate(@PathVariable String id, @RequestBody(required = false) DelegateRequest body) {
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.view(work.delegate(id, body == null ? null : body.to(), actor)));
    }
}
