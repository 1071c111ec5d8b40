package io.tollgate.engine.project.web;

import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.workflow.Retries;
import org.springframework.data.domain.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/projects")
class ProjectController {

    private final ProjectService projects;
    private final Actors actors;
    private final Retries retries;

    ProjectController(ProjectService projects, Actors actors, Retries retries) {
        this.projects = projects;
        this.actors = actors;
        this.retries = retries;
    }

    /** Cancelling needs a reason. */
    record CancelRequest(String reason) {
    }

    /** New field values. */
    record FieldsRequest(Map<String, Object> fields) {
    }

    /** A page of projects. */
    record PageView(List<ProjectView.Summary> items, int page, int size, long total) {
    }

    @PostMapping
    ResponseEntity<ProjectView> create(@RequestBody ProjectService.CreateProject body) {
        ProjectView view = projects.create(body, actors.current());
        return ResponseEntity.created(URI.create("/api/projects/" + view.id())).body(view);
    }

    @GetMapping
    PageView list(@RequestParam(required = false) String status, @RequestParam(required = false) String template,
                  @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
                  @RequestParam(defaultValue = "20") int size) {
        Page<ProjectView.Summary> result = projects.list(actors.current(), status, template, q, page, size);
        return new PageView(result.getContent(), page, size, result.getTotalElements());
    }

    @GetMapping("/{id}")
    ProjectView get(@PathVariable String id) {
        return projects.view(id, actors.current());
    }

    @PatchMapping("/{id}/fields")
    ProjectView updateFields(@PathVariable String id, @RequestBody FieldsRequest body) {
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.updateFields(id, body.fields() == null ? Map.of() : body.fields(), actor));
    }

    @PostMapping("/{id}/cancel")
    ProjectView cancel(@PathVariable String id, @RequestBody(required = false) CancelRequest body) {
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.cancel(id, body == null ? null : body.reason(), actor));
    }
}
