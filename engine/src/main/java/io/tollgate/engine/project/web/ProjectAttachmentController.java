package io.tollgate.engine.project.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.security.Actors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Attachments")
class ProjectAttachmentController {

    private final ProjectService projects;
    private final Actors actors;

    ProjectAttachmentController(ProjectService projects, Actors actors) {
        this.projects = projects;
        this.actors = actors;
    }

    @Operation(operationId = "downloadProjectAttachment", summary = "Download a file an attachment field of the project holds",
            description = "For whoever sees the project. Always served as a download (`Content-Disposition: attachment`) "
                    + "with its checked type, `nosniff` and a sandboxing content security policy.")
    @ApiResponse(responseCode = "200", description = "The file")
    @ApiResponse(responseCode = "404", description = "There is no such project visible to you, or the project holds no such file.")
    @GetMapping("/api/projects/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> download(@PathVariable String id, @PathVariable String attachmentId) {
        return projects.attachment(id, attachmentId, actors.current());
    }
}
