package io.tollgate.engine.audit.web;

import io.tollgate.engine.audit.AuditLog;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.project.ProjectService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
class AuditController {

    private final AuditLog audit;
    private final Actors actors;
    private final ProjectService projects;

    AuditController(AuditLog audit, Actors actors, ProjectService projects) {
        this.audit = audit;
        this.actors = actors;
        this.projects = projects;
    }

    /** A project's audit trail, oldest first, for anyone who can see the project. */
    @GetMapping("/api/projects/{id}/audit")
    List<AuditLog.Entry> project(@PathVariable String id) {
        projects.load(id, actors.current());
        return audit.ofProject(id);
    }

    /** The newest lines of the caller's workspace audit trail; admins only. */
    @GetMapping("/api/audit")
    List<AuditLog.Entry> workspace(@RequestParam(defaultValue = "100") int limit) {
        Actor actor = actors.current();
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only an admin reads the workspace audit trail.");
        }
        if (limit < 1 || limit > 1000) {
            throw Problems.badRequest("invalid-parameter", "limit is between 1 and 1000.");
        }
        return audit.ofWorkspace(actor.workspaceId(), limit);
    }
}
