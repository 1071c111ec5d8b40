package io.tollgate.engine.template.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.template.TaskListImport;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

@RestController
@Tag(name = "Templates")
class TaskListImportController {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    private final TaskListImport importer;
    private final Actors actors;

    TaskListImportController(TaskListImport importer, Actors actors) {
        this.importer = importer;
        this.actors = actors;
    }

    @Operation(operationId = "importTaskList", summary = "Turn an .xlsx task list into a draft template",
            description = "The body is the .xlsx file (at most 2 MB, 1000 rows): a header row naming stage, task, "
                    + "assignee, duration (days or P5D) and predecessor (task names of the same or an earlier stage, "
                    + "comma-separated), in English or Chinese. Answers the draft as YAML to finish and save in the "
                    + "designer; nothing is stored.")
    @ApiResponse(responseCode = "200", description = "The draft template", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The file cannot be read, or rows cannot be understood: `rows` lists "
            + "each with its row, column and what is wrong.")
    @ApiResponse(responseCode = "403", description = "Only an admin imports templates.")
    @ApiResponse(responseCode = "413", description = "The file is larger than 2 MB.")
    @PostMapping(value = "/api/template-imports", consumes = {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"})
    TaskListImport.Draft importTaskList(@RequestParam String key, @RequestParam(required = false) String name,
                                        HttpServletRequest request) throws IOException {
        if (!actors.current().isAdmin()) {
            throw Problems.forbidden("Only an admin imports templates.");
        }
        if (!KEY.matcher(key).matches()) {
            throw Problems.invalidFields("The template key is not valid.", List.of(new Problems.FieldError("key",
                    "2-63 lower-case letters, digits or hyphens.")));
        }
        String title = name == null || name.isBlank() ? key : name.trim();
        if (title.length() > 300) {
            throw Problems.invalidFields("The name is too long.", List.of(new Problems.FieldError("name", "At most 300 characters.")));
        }
        if (request.getContentLengthLong() > TaskListImport.MAX_BYTES) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(TaskListImport.MAX_BYTES + 1);
        }
        if (body.length > TaskListImport.MAX_BYTES) {
            throw tooLarge();
        }
        return importer.read(body, key, title);
    }

    private static RuntimeException tooLarge() {
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "import-too-large", "File too large",
                "An imported task list is at most 2 MB.", Map.of());
    }
}
