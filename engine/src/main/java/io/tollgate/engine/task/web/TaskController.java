package io.tollgate.engine.task.web;

import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.task.TaskService;
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

    private final TaskService tasks;
    private final Actors actors;
    private final Retries retries;
    private final ProjectService projects;

    TaskController(TaskService tasks, Actors actors, Retries retries, ProjectService projects) {
        this.projects = projects;
        this.tasks = tasks;
        this.actors = actors;
        this.retries = retries;
    }

    /** Field values that come with completing a task. */
    record CompleteRequest(Map<String, Object> fields) {
    }

    /** Who takes a task over. */
    record DelegateRequest(String to) {
    }

    @PostMapping("/{id}/delegate")
    ProjectView delegate(@PathVariable String id, @RequestBody(required = false) DelegateRequest body) {
        Actor actor = actors.current();
        String projectId = retries.inTransaction(() -> tasks.delegate(id, body == null ? null : body.to(), actor));
        return projects.view(projectId, actor);
    }

    @GetMapping
    List<TaskService.InboxItem> inbox(@RequestParam(required = false) String project) {
        return tasks.inbox(actors.current(), project);
    }

    @PostMapping("/{id}/complete")
    ProjectView complete(@PathVariable String id, @RequestBody(required = false) CompleteRequest body) {
        Actor actor = actors.current();
        String projectId = retries.inTransaction(() ->
                tasks.complete(id, body == null || body.fields() == null ? Map.of() : body.fields(), actor));
        return projects.view(projectId, actor);
    }
}
