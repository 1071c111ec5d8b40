package io.tollgate.engine.gate.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.gate.GateService;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.workflow.Retries;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What happens at a project's gates outside an approval: resuming after a hold, and waivers. */
@RestController
@RequestMapping("/api/projects/{id}")
@Tag(name = "Projects")
class GateProjectController {

    private final GateService gates;
    private final ProjectService projects;
    private final Actors actors;
    private final Retries retries;

    GateProjectController(GateService gates, ProjectService projects, Actors actors, Retries retries) {
        this.gates = gates;
        this.projects = projects;
        this.actors = actors;
        this.retries = retries;
    }

    @Operation(operationId = "resumeProject", summary = "Resume a project on hold",
            description = "By a project manager, an admin or an approver of the gate that held it. Every due date still "
                    + "ahead moves later by the time the project was held.")
    @ApiResponse(responseCode = "200", description = "The project, running again", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "You may not resume it.")
    @ApiResponse(responseCode = "404", description = "There is no such project, or it is not visible to you.")
    @ApiResponse(responseCode = "409", description = "The project is not on hold.")
    @PostMapping("/resume")
    ProjectView resume(@PathVariable String id) {
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.view(gates.resume(id, actor)));
    }

    @Operation(operationId = "requestWaiver", summary = "Ask to waive one criterion of a stage's gate",
            description = "By a project manager or an admin: `criterion` is the key of a criterion of the gate as the "
                    + "project view lists it, `reason` says why, `expiresAt` until when. An approver of the gate grants "
                    + "or refuses it.")
    @ApiResponse(responseCode = "200", description = "The project with the waiver requested", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The criterion, reason or expiry is missing or wrong: `errors` says which.")
    @ApiResponse(responseCode = "403", description = "Only a project manager or an admin asks for a waiver.")
    @ApiResponse(responseCode = "404", description = "There is no such project or stage.")
    @ApiResponse(responseCode = "409", description = "The project is not active, or the gate has too many waivers.")
    @PostMapping("/stages/{stage}/waivers")
    ProjectView requestWaiver(@PathVariable String id, @PathVariable String stage,
                              @RequestBody(required = false) GateService.WaiverRequest body) {
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.view(gates.requestWaiver(id, stage, body, actor)));
    }

    @Operation(operationId = "grantWaiver", summary = "Grant a waiver: the criterion counts as met until it expires")
    @ApiResponse(responseCode = "200", description = "The project with the waiver granted", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The comment is too long.")
    @ApiResponse(responseCode = "403", description = "Only an approver of the gate decides its waivers.")
    @ApiResponse(responseCode = "404", description = "There is no such project or waiver.")
    @ApiResponse(responseCode = "409", description = "The waiver was decided already, or the project is not active.")
    @PostMapping("/stages/{stage}/waivers/{waiver}/grant")
    ProjectView grant(@PathVariable String id, @PathVariable String stage, @PathVariable String waiver,
                      @RequestBody(required = false) GateService.WaiverDecision body) {
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.view(gates.decideWaiver(id, stage, waiver, true, body, actor)));
    }

    @Operation(operationId = "refuseWaiver", summary = "Refuse a waiver")
    @ApiResponse(responseCode = "200", description = "The project with the waiver refused", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The comment is too long.")
    @ApiResponse(responseCode = "403", description = "Only an approver of the gate decides its waivers.")
    @ApiResponse(responseCode = "404", description = "There is no such project or waiver.")
    @ApiResponse(responseCode = "409", description = "The waiver was decided already, or the project is not active.")
    @PostMapping("/stages/{stage}/waivers/{waiver}/refuse")
    ProjectView refuse(@PathVariable String id, @PathVariable String stage, @PathVariable String waiver,
                       @RequestBody(required = false) GateService.WaiverDecision body) {
        Actor actor = actors.current();
        return retries.inTransaction(() -> projects.view(gates.decideWaiver(id, stage, waiver, false, body, actor)));
    }
}
