package io.tollgate.engine.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Audit")
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
    @Operation(operationId = "getProjectAudit", summary = "Read a project's audit trail, oldest first")
    @ApiResponse(responseCode = "200", description = "The project's audit trail, oldest first", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "There is no such project in your workspace, or you take no part in it.")
    @GetMapping("/api/projects/{id}/audit")
    List<AuditLog.Entry> project(@PathVariable String id) {
        projects.load(id, actors.current());
        return audit.ofProject(id);
    }

    /** The newest lines of the caller's workspace audit trail; admins only. */
    @Operation(operationId = "getWorkspaceAudit", summary = "Read the newest lines of your workspace's audit trail",
            description = "Admins only.")
    @ApiResponse(responseCode = "200", description = "The newest lines, newest first", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "`limit` is not between 1 and 1000.")
    @ApiResponse(responseCode = "403", description = "Only an admin reads the workspace audit trail.")
    @GetMapping("/api/audit")
    List<AuditLog.Entry> workspace(@Parameter(description = "How many lines, 1 to 1000")
                                   @RequestParam(defaultValue = "100") int limit) {
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
