package io.tollgate.engine.project.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Prefer;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.RequestHeader;
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
@Tag(name = "Projects")
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

    @Operation(operationId = "startProject", summary = "Start a project from a published template",
            description = "Starts a project on the template's latest published version (or `version`), with its field "
                    + "values and the people in each of the template's roles. Admins and project managers only.")
    @ApiResponse(responseCode = "201", description = "The project, started; with `Prefer: return=minimal` only its id, name "
            + "and status", content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {ProjectView.class,
            ProjectService.Started.class})),
            headers = @Header(name = "Location", description = "The project's address: `/api/projects/{id}`.",
                    schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "400", description = "No published template of that key or version, or field values "
            + "or roles break their rules: `errors` lists them.")
    @ApiResponse(responseCode = "403", description = "Only admins and project managers start projects.")
    @PostMapping
    ResponseEntity<?> create(@RequestBody ProjectService.CreateProject body,
                             @Parameter(description = "`return=minimal` answers only the project's id, name and status")
                             @RequestHeader(value = Prefer.HEADER, required = false) String prefer,
                             HttpServletResponse response) {
        if (Prefer.minimal(prefer, response)) {
            ProjectService.Started started = projects.createMinimal(body, actors.current());
            return ResponseEntity.created(URI.create("/api/projects/" + started.id())).body(started);
        }
        ProjectView view = projects.create(body, actors.current());
        return ResponseEntity.created(URI.create("/api/projects/" + view.id())).body(view);
    }

    @Operation(operationId = "listProjects", summary = "List the projects you can see",
            description = "Newest first. Admins and project managers see every project of the workspace; members "
                    + "see the projects they take part in.")
    @ApiResponse(responseCode = "200", description = "A page of projects, newest first", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "`status` is not a project status, or `page` or `size` is out "
            + "of range.")
    @GetMapping
    PageView list(@Parameter(description = "`active`, `completed` or `cancelled`")
                  @RequestParam(required = false) String status,
                  @Parameter(description = "A template key") @RequestParam(required = false) String template,
                  @Parameter(description = "Text the project's name contains, in any case")
                  @RequestParam(required = false) String q,
                  @Parameter(description = "The page, from 0 to 10000") @RequestParam(defaultValue = "0") int page,
                  @Parameter(description = "Projects per page, 1 to 200") @RequestParam(defaultValue = "20") int size) {
        Page<ProjectView.Summary> result = projects.list(actors.current(), status, template, q, page, size);
        return new PageView(result.getContent(), page, size, result.getTotalElements());
    }

    @Operation(operationId = "getProject", summary = "Get a project with its stages, tasks and gates")
    @ApiResponse(responseCode = "200", description = "The project", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "There is no such project in your workspace, or you take no part in it.")
    @GetMapping("/{id}")
    ProjectView get(@PathVariable String id) {
        return projects.view(id, actors.current());
    }

    @Operation(operationId = "updateProjectFields", summary = "Change a project's field values",
            description = "Only the fields sent change. Admins, project managers and the project's creator only.")
    @ApiResponse(responseCode = "200", description = "The project with its new values", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Values break their field's rules: `errors` lists them.")
    @ApiResponse(responseCode = "403", description = "Only an admin, a project manager or the project's creator "
            + "changes its fields.")
    @ApiResponse(responseCode = "409", description = "The project is not active, or a field was checked by a gate "
            + "that has passed (`errors` lists them), or it changed meanwhile.")
    @PatchMapping("/{id}/fields")
    ProjectView updateFields(@PathVariable String id, @RequestBody FieldsRequest body) {
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.updateFields(id, body.fields() == null ? Map.of() : body.fields(), actor));
    }

    @Operation(operationId = "cancelProject", summary = "Cancel a project, with a reason")
    @ApiResponse(responseCode = "200", description = "The project, cancelled", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The reason is missing or too long.")
    @ApiResponse(responseCode = "403", description = "Only an admin, a project manager or the project's creator "
            + "cancels it.")
    @ApiResponse(responseCode = "409", description = "The project is not active, or it changed meanwhile.")
    @PostMapping("/{id}/cancel")
    ProjectView cancel(@PathVariable String id, @RequestBody(required = false) CancelRequest body) {
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.cancel(id, body == null ? null : body.reason(), actor));
    }

    @Operation(operationId = "meetCondition", summary = "Mark a condition of a conditional go as met",
            description = "By the condition's owner, a project manager or an admin.")
    @ApiResponse(responseCode = "200", description = "The project with the condition met", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Only the owner, a project manager or an admin marks it met.")
    @ApiResponse(responseCode = "404", description = "There is no such project or condition.")
    @ApiResponse(responseCode = "409", description = "The condition was met already.")
    @PostMapping("/{id}/conditions/{condition}/met")
    ProjectView meetCondition(@PathVariable String id, @PathVariable String condition) {
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.meetCondition(id, condition, actor));
    }
}
