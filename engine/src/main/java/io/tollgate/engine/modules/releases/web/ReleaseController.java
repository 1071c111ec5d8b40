package io.tollgate.engine.modules.releases.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.modules.releases.ReleaseBook;
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
@RequestMapping("/api/projects/{projectId}/releases")
@Tag(name = "Releases")
class ReleaseController {

    private final ReleaseBook book;
    private final Actors actors;

    ReleaseController(ReleaseBook book, Actors actors) {
        this.book = book;
        this.actors = actors;
    }

    @Operation(operationId = "listReleases", summary = "List a project's releases, by planned date")
    @ApiResponse(responseCode = "200", description = "The project's releases", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "There is no such project visible to you, or the releases module "
            + "is off in your workspace.")
    @GetMapping
    List<ReleaseBook.ReleaseView> list(@PathVariable String projectId) {
        return book.list(projectId, actors.current());
    }

    @Operation(operationId = "addRelease", summary = "Plan a release of a project",
            description = "A version (1-50 characters, unique in the project), a planned date, release notes (up to "
                    + "10000 characters), links to `stage:<key>` and `task:<key>` of the template (up to 100), `ready`.")
    @ApiResponse(responseCode = "201", description = "The release, planned", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Values are missing or break their rules: `errors` lists them.")
    @ApiResponse(responseCode = "403", description = "Only a project manager or an admin plans releases.")
    @ApiResponse(responseCode = "404", description = "There is no such project visible to you, or the releases module "
            + "is off in your workspace.")
    @ApiResponse(responseCode = "409", description = "The version exists already, or the project is not active.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ReleaseBook.ReleaseView add(@PathVariable String projectId, @RequestBody(required = false) ReleaseBook.ReleaseInput body) {
        return book.add(projectId, body, actors.current());
    }

    @Operation(operationId = "updateRelease", summary = "Change a release or mark it ready",
            description = "Only the values sent change; `ready: true` marks it ready (the gate criterion `releaseReady`).")
    @ApiResponse(responseCode = "200", description = "The release as it is now", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Values break their rules: `errors` lists them.")
    @ApiResponse(responseCode = "403", description = "Only a project manager or an admin changes releases.")
    @ApiResponse(responseCode = "404", description = "There is no such project or release visible to you, or the "
            + "releases module is off in your workspace.")
    @ApiResponse(responseCode = "409", description = "The version exists already, or the project is not active.")
    @PatchMapping("/{releaseId}")
    ReleaseBook.ReleaseView update(@PathVariable String projectId, @PathVariable String releaseId,
                                   @RequestBody(required = false) ReleaseBook.ReleaseInput body) {
        return book.update(projectId, releaseId, body, actors.current());
    }
}
