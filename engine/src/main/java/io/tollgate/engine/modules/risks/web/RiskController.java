package io.tollgate.engine.modules.risks.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.modules.risks.RiskRegister;
import io.tollgate.engine.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/projects/{projectId}/risks")
@Tag(name = "Risks")
class RiskController {

    private final RiskRegister register;
    private final Actors actors;

    RiskController(RiskRegister register, Actors actors) {
        this.register = register;
        this.actors = actors;
    }

    @Operation(operationId = "listRisks", summary = "List a project's risks")
    @ApiResponse(responseCode = "200", description = "The project's risks", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "There is no such project visible to you, or the risks module is "
            + "off in your workspace.")
    @GetMapping
    List<RiskRegister.RiskView> list(@PathVariable String projectId) {
        return register.list(projectId, actors.current());
    }

    @Operation(operationId = "addRisk", summary = "Add a risk to a project",
            description = "A risk needs a title, and a probability and an impact from 1 to 5.")
    @ApiResponse(responseCode = "201", description = "The risk, added", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Values are missing or break their rules: `errors` lists them.")
    @ApiResponse(responseCode = "404", description = "There is no such project visible to you, or the risks module is "
            + "off in your workspace.")
    @ApiResponse(responseCode = "409", description = "The project is not active.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RiskRegister.RiskView add(@PathVariable String projectId, @RequestBody(required = false) RiskRegister.RiskInput body) {
        return register.add(projectId, body, actors.current());
    }

    @Operation(operationId = "updateRisk", summary = "Reassess, reassign or close a risk",
            description = "Only the values sent change; `status` is `open`, `mitigated` or `closed`.")
    @ApiResponse(responseCode = "200", description = "The risk as it is now", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Values break their rules: `errors` lists them.")
    @ApiResponse(responseCode = "404", description = "There is no such project or risk visible to you, or the risks "
            + "module is off in your workspace.")
    @ApiResponse(responseCode = "409", description = "The risk is closed, or the project is not active.")
    @PatchMapping("/{riskId}")
    RiskRegister.RiskView update(@PathVariable String projectId, @PathVariable String riskId,
                                 @RequestBody(required = false) RiskRegister.RiskInput body) {
        return register.update(projectId, riskId, body, actors.current());
    }
}
