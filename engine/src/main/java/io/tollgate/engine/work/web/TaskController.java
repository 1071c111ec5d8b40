package io.tollgate.engine.work.web;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.RequestHeader;
import jakarta.servlet.http.HttpServletResponse;
import io.tollgate.engine.work.WorkAnswer;
import io.tollgate.engine.support.Prefer;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Tasks and approvals")
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

    @Operation(operationId = "listInbox", summary = "List your open tasks and approvals",
            description = "Each task comes with the definitions of the fields completing it may fill in.")
    @GetMapping
    List<WorkService.InboxItem> inbox(@Parameter(description = "Only this project's items: a project id")
                                      @RequestParam(required = false) String project) {
        return work.inbox(actors.current(), project);
    }

    @Operation(operationId = "completeTask", summary = "Complete a task with its field values",
            description = "Answers the project as it is after the task is done.")
    @ApiResponse(responseCode = "200", description = "The project as it is after the task is done", content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {ProjectView.class, WorkAnswer.class})))
    @ApiResponse(responseCode = "400", description = "Field values are missing or break their rules: `errors` lists them.")
    @ApiResponse(responseCode = "403", description = "The task is not yours.")
    @ApiResponse(responseCode = "404", description = "There is no such task, or its project is not visible to you.")
    @ApiResponse(responseCode = "409", description = "A prerequisite or gate criterion is open (`unmet` lists them), "
            + "the task is done already, it is an approval (decide it instead), or the project is not active.")
    @PostMapping("/{id}/complete")
    Object complete(@PathVariable String id, @RequestBody(required = false) CompleteRequest body,
                    @Parameter(description = "`return=minimal` answers only the item and its project's status (`WorkAnswer`)") @RequestHeader(value = Prefer.HEADER, required = false) String prefer, HttpServletResponse response) {
        Actor actor = actors.current();
        Map<String, Object> fields = body == null || body.fields() == null ? Map.of() : body.fields();
        boolean minimal = Prefer.minimal(prefer, response);
        return retries.inTransaction(() -> answer(id, work.complete(id, fields, actor), minimal));
    }

    @Operation(operationId = "withdrawTask", summary = "Take back a task you completed (撤回)",
            description = "Allowed while nobody has acted on what came next in its stage: the work that opened after it "
                    + "closes again and the task returns to your inbox. The audit shows both the completion and the withdrawal.")
    @ApiResponse(responseCode = "200", description = "The project, with the task open again", content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {ProjectView.class, WorkAnswer.class})))
    @ApiResponse(responseCode = "404", description = "There is no such task, or its project is not visible to you.")
    @ApiResponse(responseCode = "409", description = "Someone acted on the next step already (`unmet` says who), the "
            + "stage has passed its gate, you did not complete it, it is an approval, or the project is not active.")
    @PostMapping("/{id}/withdraw")
    Object withdraw(@PathVariable String id, @Parameter(description = "`return=minimal` answers only the item and its project's status (`WorkAnswer`)") @RequestHeader(value = Prefer.HEADER, required = false) String prefer, HttpServletResponse response) {
        Actor actor = actors.current();
        boolean minimal = Prefer.minimal(prefer, response);
        return retries.inTransaction(() -> answer(id, work.withdraw(id, actor), minimal));
    }

    @Operation(operationId = "delegateTask", summary = "Hand a task or approval over to someone else")
    @ApiResponse(responseCode = "200", description = "The project, with the item handed over", content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {ProjectView.class, WorkAnswer.class})))
    @ApiResponse(responseCode = "400", description = "`to` is missing, no user of the workspace, yourself, or already "
            + "an approver of this gate.")
    @ApiResponse(responseCode = "403", description = "The task or approval is not yours to hand on.")
    @ApiResponse(responseCode = "404", description = "There is no such task, or its project is not visible to you.")
    @ApiResponse(responseCode = "409", description = "The task or approval is closed, or the project is not active.")
    @PostMapping("/{id}/delegate")
    Object delegate(@PathVariable String id, @RequestBody(required = false) DelegateRequest body,
                    @Parameter(description = "`return=minimal` answers only the item and its project's status (`WorkAnswer`)") @RequestHeader(value = Prefer.HEADER, required = false) String prefer, HttpServletResponse response) {
        Actor actor = actors.current();
        boolean minimal = Prefer.minimal(prefer, response);
        return retries.inTransaction(() -> answer(id, work.delegate(id, body == null ? null : body.to(), actor), minimal));
    }

    /** The whole project view, or with {@code Prefer: return=minimal} only the item and its project's status. */
    private Object answer(String id, io.tollgate.engine.project.ProjectContext project, boolean minimal) {
        return minimal ? work.answer(id, project) : projects.view(project);
    }
}
