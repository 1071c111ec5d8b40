package io.tollgate.engine.attachment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.attachment.AttachmentFields;
import io.tollgate.engine.attachment.FileRef;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;

@RestController
@Tag(name = "Attachments")
class AttachmentController {

    private final AttachmentFields fields;
    private final Actors actors;

    AttachmentController(AttachmentFields fields, Actors actors) {
        this.fields = fields;
        this.actors = actors;
    }

    @Operation(operationId = "uploadAttachment", summary = "Upload a file for an attachment field",
            description = "Multipart: `file`, a PNG, JPEG, GIF or WebP image or a PDF (recognised by its content, "
                    + "whatever its name says), at most 10 MB by default. The answer's `id` is the value to put in "
                    + "an attachment field; saving the field binds the file to its project.")
    @ApiResponse(responseCode = "201", description = "The stored file", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "No file, or an empty one.")
    @ApiResponse(responseCode = "413", description = "The file is too large.")
    @ApiResponse(responseCode = "415", description = "The file is not of an allowed kind.")
    @ApiResponse(responseCode = "429", description = "Too many uploads in a day that no project holds yet.")
    @PostMapping(path = "/api/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<FileRef> upload(@RequestPart(required = false) MultipartFile file) {
        if (file == null) {
            throw Problems.badRequest("attachment-empty", "Send the file as the multipart part `file`.");
        }
        try {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(fields.upload(file.getOriginalFilename(), file.getBytes(), actors.current()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Operation(operationId = "downloadOwnUpload", summary = "Download one's own upload that no project holds yet",
            description = "Once a project holds the file, it is at `/api/projects/{id}/attachments/{attachmentId}`. "
                    + "Always served as a download with its checked type and `nosniff`.")
    @ApiResponse(responseCode = "200", description = "The file")
    @ApiResponse(responseCode = "404", description = "No such upload of yours, or a project holds it.")
    @GetMapping("/api/attachments/{id}")
    ResponseEntity<byte[]> own(@PathVariable String id) {
        return fields.ownUpload(id, actors.current());
    }
}
