package io.tollgate.engine.retrospective.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.retrospective.RetrospectiveService;
import io.tollgate.engine.security.Actors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Retrospectives")
class RetrospectiveController {

    private static final String NOT_FOUND = "There is no such project in your workspace, or you take no part in it.";
    private static final String NOT_COMPLETED = "The project has not completed (`project-not-completed`).";

    private final RetrospectiveService retrospectives;
    private final Actors actors;

    RetrospectiveController(RetrospectiveService retrospectives, Actors actors) {
        this.retrospectives = retrospectives;
        this.actors = actors;
    }

    @Operation(operationId = "getRetrospective", summary = "Read a completed project's retrospective",
            description = "`recorded` is false until the project's manager records it; `editable` says whether you may.")
    @ApiResponse(responseCode = "200", description = "The retrospective, with every stage of the project",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = NOT_COMPLETED)
    @GetMapping("/api/projects/{id}/retrospective")
    RetrospectiveService.RetrospectiveView get(@PathVariable String id) {
        return retrospectives.get(id, actors.current());
    }

    @Operation(operationId = "recordRetrospective", summary = "Record or revise a completed project's retrospective",
            description = "For the project's manager (an admin, a holder of its `pm` role, or its creator when no one "
                    + "holds that role). `wentWell` and `toImprove` have at most 4000 characters, each stage note "
                    + "(`stageNotes`, by stage key) at most 2000; what is sent replaces what was there.")
    @ApiResponse(responseCode = "200", description = "The retrospective as saved", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A text too long or holding control characters, a stage the "
            + "project does not have, or nothing written: `errors` says which.")
    @ApiResponse(responseCode = "403", description = "You are not the project's manager.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = NOT_COMPLETED)
    @PutMapping("/api/projects/{id}/retrospective")
    RetrospectiveService.RetrospectiveView put(@PathVariable String id,
                                               @RequestBody(required = false) RetrospectiveService.RetrospectiveBody body) {
        return retrospectives.record(id, body, actors.current());
    }

    @Operation(operationId = "searchRetrospectives", summary = "Search the retrospectives of your workspace",
            description = "Newest first; `q` matches any part of their texts, stage notes or project name, in any case. "
                    + "Only retrospectives of projects you see.")
    @ApiResponse(responseCode = "200", description = "A page of retrospectives", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "`q` is longer than 100 characters, or `page` or `size` out of range.")
    @GetMapping("/api/retrospectives")
    RetrospectiveService.FoundPage search(@Parameter(description = "Text to find, at most 100 characters")
                                          @RequestParam(required = false) String q,
                                          @Parameter(description = "Only projects of this template: a template key")
                                          @RequestParam(required = false) String template,
                                          @Parameter(description = "Page, from 0") @RequestParam(defaultValue = "0") int page,
                                          @Parameter(description = "Page size, 1 to 100") @RequestParam(defaultValue = "20") int size) {
        return retrospectives.search(q, template, page, size, actors.current());
    }
}
