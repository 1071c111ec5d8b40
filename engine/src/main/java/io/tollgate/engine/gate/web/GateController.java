package io.tollgate.engine.gate.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.engine.work.WorkService;
import org.springframework.web.bind.annotation.RequestHeader;
import jakarta.servlet.http.HttpServletResponse;
import io.tollgate.engine.work.WorkAnswer;
import io.tollgate.engine.support.Prefer;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

@RestController
@RequestMapping("/api/tasks")
@Tag(name = "Tasks and approvals")
class GateController {

    private final GateService gates;
    private final ProjectService projects;
    private final Actors actors;
    private final Retries retries;
    private final WorkService work;

    GateController(GateService gates, ProjectService projects, Actors actors, Retries retries, WorkService work) {
        this.work = work;
        this.gates = gates;
        this.projects = projects;
        this.actors = actors;
        this.retries = retries;
    }

    @Operation(operationId = "decideApproval", summary = "Decide an approval: approve, conditional, hold, kill, reject or send back",
            description = "`approve` is a go; `conditional` a go with `conditions` [{text, owner, dueAt}]; `hold` pauses the "
                    + "project; `kill` cancels it; `reject` and `send_back` (or `recycle`) send it back for rework. The gate's "
                    + "`outcomes` say which it offers. All but approve and conditional need a comment; `sendBackTo` names "
                    + "the stage to send the project back to, this one or one before it. Answers the project as it is after "
                    + "the decision.")
    @ApiResponse(responseCode = "200", description = "The project as it is after the decision", content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {ProjectView.class, WorkAnswer.class})))
    @ApiResponse(responseCode = "400", description = "The decision is missing or unknown, a comment is missing or too "
            + "long, or `sendBackTo` is not this stage or one before it: `errors` says which.")
    @ApiResponse(responseCode = "403", description = "The approval is not yours.")
    @ApiResponse(responseCode = "404", description = "There is no such approval, or its project is not visible to you.")
    @ApiResponse(responseCode = "409", description = "The gate's criteria are not met (`unmet` lists them), the gate does "
            + "not offer that outcome, you have decided in this round already, the approval is closed, the project is on "
            + "hold or not active, or it is a task (complete it instead).")
    @PostMapping("/{id}/decision")
    Object decide(@PathVariable String id, @RequestBody(required = false) GateService.DecisionRequest body,
                  @Parameter(description = "`return=minimal` answers only the item and its project's status (`WorkAnswer`)") @RequestHeader(value = Prefer.HEADER, required = false) String prefer, HttpServletResponse response) {
        if (body == null) {
            throw Problems.invalidFields("Send {decision, comment}.", List.of(new Problems.FieldError("decision",
                    "decision is approve, reject or send_back.")));
        }
        Actor actor = actors.current();
        boolean minimal = Prefer.minimal(prefer, response);
        return retries.inTransaction(() -> {
            var project = gates.decide(id, body, actor);
            return minimal ? work.answer(id, project) : projects.view(project);
        });
    }

    /** One decision for many approvals. */
    record BatchRequest(List<String> ids, String decision, String comment, String sendBackTo,
                        List<GateService.ConditionRequest> conditions) {
    }

    /** What became of one approval of a batch: decided, or the problem that stopped it. */
    record BatchResult(String id, boolean ok, int status, ProblemDetail problem) {
    }

    /** The answer to a batch: one result per id, in the order given. */
    record BatchAnswer(List<BatchResult> results) {
    }

    static final int MAX_BATCH = 100;

    @Operation(operationId = "decideApprovals", summary = "Decide several approvals at once",
            description = "The same decision and comment for up to 100 approvals. Each is decided in its own transaction: "
                    + "one that cannot be decided does not stop the others; `results` says for each whether it was decided "
                    + "and, if not, why (the problem its own decision would have answered).")
    @ApiResponse(responseCode = "200", description = "One result per approval", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "No ids, more than 100, or an id that is blank or too long.")
    @PostMapping("/decisions")
    BatchAnswer decideMany(@RequestBody(required = false) BatchRequest body) {
        if (body == null || body.ids() == null || body.ids().isEmpty() || body.ids().size() > MAX_BATCH) {
            throw Problems.invalidFields("Send {ids, decision, comment}.", List.of(new Problems.FieldError("ids",
                    "Between 1 and " + MAX_BATCH + " approval ids.")));
        }
        if (body.ids().stream().anyMatch(i -> i == null || i.isBlank() || i.length() > 64)) {
            throw Problems.invalidFields("An id is blank or too long.", List.of(new Problems.FieldError("ids",
                    "Each id is an approval id of at most 64 characters.")));
        }
        Actor actor = actors.current();
        GateService.DecisionRequest request = new GateService.DecisionRequest(body.decision(), body.comment(),
                body.sendBackTo(), body.conditions());
        List<BatchResult> results = new java.util.ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(body.ids())) {
            try {
                retries.inTransaction(() -> gates.decide(id, request, actor));
                results.add(new BatchResult(id, true, 200, null));
            } catch (ErrorResponseException e) {
                results.add(new BatchResult(id, false, e.getStatusCode().value(), e.getBody()));
            } catch (OptimisticLockingFailureException e) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                        "Others changed this approval at the same moment; try it again.");
                results.add(new BatchResult(id, false, 409, problem));
            }
        }
        return new BatchAnswer(results);
    }

    @Operation(operationId = "changeSigners", summary = "Add or remove signers of a running approval")
    @ApiResponse(responseCode = "200", description = "The project with the approval's new signers", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Nobody to add or remove, too many at once, or a change that "
            + "cannot be made: `errors` says which.")
    @ApiResponse(responseCode = "403", description = "Only an approver of this gate, a project manager or an admin adds "
            + "signers; only a project manager or an admin removes one.")
    @ApiResponse(responseCode = "404", description = "There is no such approval, or its project is not visible to you.")
    @ApiResponse(responseCode = "409", description = "The approval is closed or sequential (it keeps its published "
            + "order), or it is a task.")
    @PostMapping("/{id}/signers")
    ProjectView signers(@PathVariable String id, @RequestBody(required = false) GateService.SignersRequest body) {
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.view(gates.changeSigners(id, body, actor)));
    }
}
