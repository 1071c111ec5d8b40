package io.tollgate.engine.project.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.project.ProjectHistory;
import io.tollgate.engine.security.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/project-history")
@Tag(name = "Projects")
class ProjectHistoryController {

    private final ProjectHistory history;
    private final Actors actors;

    ProjectHistoryController(ProjectHistory history, Actors actors) {
        this.history = history;
        this.actors = actors;
    }

    @Operation(operationId = "importProjectHistory", summary = "Import finished projects from an earlier tool",
            description = "Each project follows a template published in your workspace and is kept as completed or "
                    + "cancelled, with its stages' start and end and the tasks and approvals its people did, so "
                    + "forecasts and the dashboard have a history from the first day. At most "
                    + ProjectHistory.MAX_PROJECTS + " projects per request, each with at most " + ProjectHistory.MAX_WORK
                    + " pieces of work; the batch is checked whole and nothing is written when anything is wrong. "
                    + "Admins only.")
    @ApiResponse(responseCode = "201", description = "How many were imported and their ids", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Something in the batch is wrong: `errors` names each problem by "
            + "its path, for example `projects[3].stages[1].key`.")
    @ApiResponse(responseCode = "403", description = "Only admins import history.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ProjectHistory.Imported importHistory(@RequestBody ProjectHistory.ImportHistory body) {
        return history.importHistory(body, actors.current());
    }
}
