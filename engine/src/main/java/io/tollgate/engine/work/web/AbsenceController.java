package io.tollgate.engine.work.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.work.AbsenceService;
import io.tollgate.engine.workflow.Retries;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/me/absence")
@Tag(name = "Tasks and approvals")
class AbsenceController {

    private final AbsenceService absences;
    private final Actors actors;
    private final Retries retries;

    AbsenceController(AbsenceService absences, Actors actors, Retries retries) {
        this.absences = absences;
        this.actors = actors;
        this.retries = retries;
    }

    @Operation(operationId = "getAbsence", summary = "Your absence, if you set one")
    @ApiResponse(responseCode = "200", description = "Your absence", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "You have no absence set.")
    @GetMapping
    AbsenceService.AbsenceView get() {
        return absences.current(actors.current());
    }

    @Operation(operationId = "setAbsence", summary = "Set your absence: from, to and a substitute",
            description = "While it lasts, new tasks and approvals for you go to the substitute, a user of your workspace; "
                    + "an approval stays with you where the substitute already votes at that gate.")
    @ApiResponse(responseCode = "200", description = "Your absence", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The dates or the substitute are wrong: `errors` says which.")
    @PutMapping
    AbsenceService.AbsenceView set(@RequestBody(required = false) AbsenceService.AbsenceRequest body) {
        Actor actor = actors.current();
        return retries.inTransaction(() -> absences.set(body, actor));
    }

    @Operation(operationId = "endAbsence", summary = "End your absence")
    @ApiResponse(responseCode = "204", description = "Ended: new work comes to you again")
    @ApiResponse(responseCode = "404", description = "You have no absence set.")
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void end() {
        Actor actor = actors.current();
        retries.inTransaction(() -> {
            absences.end(actor);
            return null;
        });
    }

    @Operation(operationId = "handOverWork", summary = "Hand your open tasks and approvals to your substitute now")
    @ApiResponse(responseCode = "200", description = "What moved, and what stayed because the substitute votes at that "
            + "gate already", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "You have no absence set.")
    @PostMapping("/handover")
    AbsenceService.Handover handover() {
        Actor actor = actors.current();
        return retries.inTransaction(() -> absences.handover(actor));
    }
}
