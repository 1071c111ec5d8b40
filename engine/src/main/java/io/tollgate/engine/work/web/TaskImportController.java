package io.tollgate.engine.work.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.template.TaskListReader;
import io.tollgate.engine.work.TaskImportService;
import io.tollgate.engine.workflow.Retries;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

@RestController
@Tag(name = "Projects")
class TaskImportController {

    private final TaskImportService imports;
    private final Actors actors;
    private final Retries retries;

    TaskImportController(TaskImportService imports, Actors actors, Retries retries) {
        this.imports = imports;
        this.actors = actors;
        this.retries = retries;
    }

    @Operation(operationId = "previewProjectTaskImport", summary = "Preview extra tasks imported into a running project",
            description = "The body is an .xlsx or CSV task list (at most 2 MB, 1000 rows; CSV in UTF-8 with or without "
                    + "BOM or GB18030/GBK, comma or semicolon separated) with the columns stage (one of the project's "
                    + "stages not yet done, by name or key), task, assignee (a workspace member), duration (days or P5D: "
                    + "a due date on the workspace calendar) and predecessor (other imported tasks). Answers what would "
                    + "be created and every problem by row and column, with a preview `id` valid for 30 minutes.")
    @ApiResponse(responseCode = "200", description = "The preview", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The file cannot be read, has no header or too many rows.")
    @ApiResponse(responseCode = "403", description = "Only the project's manager or an admin imports tasks.")
    @ApiResponse(responseCode = "409", description = "The project is not active.")
    @ApiResponse(responseCode = "413", description = "The file is larger than 2 MB.")
    @PostMapping(value = "/api/projects/{id}/task-imports", consumes = {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream", "text/csv",
            "text/plain", "application/csv", "application/vnd.ms-excel"})
    TaskImportService.Preview preview(@PathVariable String id, HttpServletRequest request) throws IOException {
        Actor actor = actors.current();
        byte[] body = TaskListReader.upload(request);
        return imports.preview(id, body, TaskListReader.formatOf(request.getContentType()), actor);
    }

    @Operation(operationId = "confirmProjectTaskImport", summary = "Create the previewed extra tasks",
            description = "The tasks open in their assignees' inboxes as soon as their stage runs and the imported tasks "
                    + "they wait for are done; while one is open its stage's gate does not pass (`extraTask` in `unmet`).")
    @ApiResponse(responseCode = "201", description = "The tasks created", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Rows have problems now (`rows` lists them); nothing was created.")
    @ApiResponse(responseCode = "403", description = "Only the project's manager or an admin imports tasks.")
    @ApiResponse(responseCode = "404", description = "No such preview of yours for this project, or it expired.")
    @ApiResponse(responseCode = "409", description = "The preview was confirmed already, or the project is not active.")
    @PostMapping("/api/projects/{id}/task-imports/{importId}/confirm")
    ResponseEntity<TaskImportService.Confirmed> confirm(@PathVariable String id, @PathVariable String importId) {
        Actor actor = actors.current();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(retries.inTransaction(() -> imports.confirm(id, importId, actor)));
    }
}
