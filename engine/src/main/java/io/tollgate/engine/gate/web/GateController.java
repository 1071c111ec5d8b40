package io.tollgate.engine.gate.web;

import io.swagger.v3.oas.annotations.Operation;
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

@RestController
@RequestMapping("/api/tasks")
@Tag(name = "Tasks and approvals")
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

    @Operation(operationId = "decideApproval", summary = "Approve, reject or send back an approval",
            description = "Rejecting and sending back need a comment; `sendBackTo` names the stage to send the project "
                    + "back to, this one or one before it. Answers the project as it is after the decision.")
    @ApiResponse(responseCode = "200", description = "The project as it is after the decision", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The decision is missing or unknown, a comment is missing or too "
            + "long, or `sendBackTo` is not this stage or one before it: `errors` says which.")
    @ApiResponse(responseCode = "403", description = "The approval is not yours.")
    @ApiResponse(responseCode = "404", description = "There is no such approval, or its project is not visible to you.")
    @ApiResponse(responseCode = "409", description = "The gate's criteria are not met (`unmet` lists them), you have "
            + "decided in this round already, the approval is closed, or it is a task (complete it instead).")
    @PostMapping("/{id}/decision")
    ProjectView decide(@PathVariable String id, @RequestBody(required = false) GateService.DecisionRequest body) {
        if (body == null) {
            throw Problems.invalidFields("Send {decision, comment}.", List.of(new Problems.FieldError("decision",
                    "decision is approve, reject or send_back.")));
        }
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.view(gates.decide(id, body, actor)));
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
