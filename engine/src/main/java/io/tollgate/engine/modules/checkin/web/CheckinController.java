package io.tollgate.engine.modules.checkin.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.modules.checkin.DailyCheckins;
import io.tollgate.engine.security.Actors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;

@RestController
@RequestMapping("/api/projects/{projectId}/checkins")
@Tag(name = "Daily check-in")
class CheckinController {

    private static final String NOT_FOUND = "There is no such project visible to you, or the check-in module is off "
            + "in your workspace.";

    private final DailyCheckins checkins;
    private final Actors actors;

    CheckinController(DailyCheckins checkins, Actors actors) {
        this.checkins = checkins;
        this.actors = actors;
    }

    record CheckinBody(String note) {
    }

    @Operation(operationId = "standup", summary = "The stand-up of a day: who checked in with what, who did not",
            description = "`day` defaults to today.")
    @ApiResponse(responseCode = "200", description = "The stand-up summary", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @GetMapping
    DailyCheckins.Standup standup(@PathVariable String projectId,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        return checkins.standup(projectId, day, actors.current());
    }

    @Operation(operationId = "checkIn", summary = "Check in today, with an optional note",
            description = "Checking in again the same day updates the note. At most 500 characters.")
    @ApiResponse(responseCode = "200", description = "Your check-in of today", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The note is too long.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "The project is not active.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    DailyCheckins.CheckinView checkIn(@PathVariable String projectId, @RequestBody(required = false) CheckinBody body) {
        return checkins.checkIn(projectId, body == null ? null : body.note(), null, null, actors.current());
    }

    @Operation(operationId = "checkInWithFile", summary = "Check in today with a note and a photo or document",
            description = "Multipart: `note` and `file` (a PNG, JPEG, GIF or WebP image or a PDF, recognised by its "
                    + "content, at most 10 MB by default).")
    @ApiResponse(responseCode = "200", description = "Your check-in of today", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The note is too long or the file empty.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "The project is not active.")
    @ApiResponse(responseCode = "413", description = "The file is too large.")
    @ApiResponse(responseCode = "415", description = "The file is not of an allowed kind.")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    DailyCheckins.CheckinView checkInWithFile(@PathVariable String projectId,
                                              @RequestParam(required = false) String note,
                                              @RequestPart(required = false) MultipartFile file) {
        try {
            return checkins.checkIn(projectId, note, file == null ? null : file.getOriginalFilename(),
                    file == null ? null : file.getBytes(), actors.current());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Operation(operationId = "checkinAttachment", summary = "Download a check-in's photo or document",
            description = "Always served as a download with its checked type and `nosniff`.")
    @ApiResponse(responseCode = "200", description = "The file")
    @ApiResponse(responseCode = "404", description = NOT_FOUND + " Or the check-in has no attachment.")
    @GetMapping("/{checkinId}/attachment")
    ResponseEntity<byte[]> attachment(@PathVariable String projectId, @PathVariable String checkinId) {
        return checkins.attachment(projectId, checkinId, actors.current());
    }
}
