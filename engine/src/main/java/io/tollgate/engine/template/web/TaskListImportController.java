package io.tollgate.engine.template.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.template.TaskListImport;
import io.tollgate.engine.template.TaskListImports;
import io.tollgate.engine.template.TaskListReader;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;

@RestController
@Tag(name = "Templates")
class TaskListImportController {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{1,62}");

    

    private final TaskListImport importer;
    private final TaskListImports imports;
    private final Actors actors;

    TaskListImportController(TaskListImport importer, TaskListImports imports, Actors actors) {
        this.importer = importer;
        this.imports = imports;
        this.actors = actors;
    }

    @Operation(operationId = "previewTaskListImport", summary = "Preview a task list (.xlsx or .csv) as a draft template",
            description = "The body is the .xlsx or CSV file (at most 2 MB, 1000 rows, 1000 characters a cell; CSV in "
                    + "UTF-8 with or without BOM, or GB18030/GBK; comma or semicolon separated): a header row naming stage, "
                    + "task, assignee, duration and predecessor, in English or Chinese. Answers what the draft would hold "
                    + "(stages, tasks, roles, prerequisites) and every problem by row and column, with a preview `id` "
                    + "valid for 30 minutes. Nothing but the preview is stored.")
    @ApiResponse(responseCode = "200", description = "The preview", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The file cannot be read, has no header or too many rows.")
    @ApiResponse(responseCode = "403", description = "Only an admin imports templates.")
    @ApiResponse(responseCode = "413", description = "The file is larger than 2 MB.")
    @PostMapping(value = "/api/template-imports/previews", consumes = {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream", "text/csv",
            "text/plain", "application/csv", "application/vnd.ms-excel"})
    TaskListImports.TemplatePreview preview(@RequestParam String key, @RequestParam(required = false) String name,
                                            HttpServletRequest request) throws IOException {
        String title = checked(key, name);
        byte[] body = TaskListReader.upload(request);
        return imports.previewTemplate(body, TaskListReader.formatOf(request.getContentType()), key, title, actors.current());
    }

    @Operation(operationId = "confirmTaskListImport", summary = "Save a previewed task list as a draft template",
            description = "Creates the draft the preview described. Refuses while rows have problems (400 with `rows`), "
                    + "when a template with the key exists (409), or when the preview expired or was confirmed (409).")
    @ApiResponse(responseCode = "201", description = "The draft was saved", useReturnTypeSchema = true)
    @PostMapping("/api/template-imports/previews/{id}/confirm")
    ResponseEntity<TaskListImports.ConfirmedDraft> confirm(@PathVariable String id) {
        if (!actors.current().isAdmin()) {
            throw Problems.forbidden("Only an admin imports templates.");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(imports.confirmTemplate(id, actors.current()));
    }

    @Operation(operationId = "importTaskList", summary = "Turn a task list (.xlsx or .csv) into draft YAML in one step",
            description = "The body is the .xlsx file (at most 2 MB, 1000 rows): a header row naming stage, task, "
                    + "assignee, duration (days or P5D) and predecessor (task names of the same or an earlier stage, "
                    + "comma-separated), in English or Chinese. Answers the draft as YAML to finish and save in the "
                    + "designer; nothing is stored. The two-step import (`/api/template-imports/previews`, then confirm) "
                    + "saves the draft itself.")
    @ApiResponse(responseCode = "200", description = "The draft template", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The file cannot be read, or rows cannot be understood: `rows` lists "
            + "each with its row, column and what is wrong.")
    @ApiResponse(responseCode = "403", description = "Only an admin imports templates.")
    @ApiResponse(responseCode = "413", description = "The file is larger than 2 MB.")
    @PostMapping(value = "/api/template-imports", consumes = {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream", "text/csv",
            "text/plain", "application/csv", "application/vnd.ms-excel"})
    TaskListImport.Draft importTaskList(@RequestParam String key, @RequestParam(required = false) String name,
                                        HttpServletRequest request) throws IOException {
        String title = checked(key, name);
        return importer.read(TaskListReader.upload(request), TaskListReader.formatOf(request.getContentType()), key, title);
    }

    private String checked(String key, String name) {
        if (!actors.current().isAdmin()) {
            throw Problems.forbidden("Only an admin imports templates.");
        }
        if (!KEY.matcher(key).matches()) {
            throw Problems.invalidFields("The template key is not valid.", List.of(new Problems.FieldError("key",
                    "2-63 lower-case letters, digits or hyphens, starting with a letter.")));
        }
        String title = name == null || name.isBlank() ? key : name.trim();
        if (title.length() > 300) {
            throw Problems.invalidFields("The name is too long.", List.of(new Problems.FieldError("name", "At most 300 characters.")));
        }
        return title;
    }

}
