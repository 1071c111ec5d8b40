package io.tollgate.engine.template.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.template.TemplateLibrary;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Templates")
class TemplateLibraryController {

    private final TemplateLibrary library;
    private final Actors actors;

    TemplateLibraryController(TemplateLibrary library, Actors actors) {
        this.library = library;
        this.actors = actors;
    }

    @Operation(operationId = "listTemplateLibrary", summary = "List the shipped templates and how your workspace has them",
            description = "Each shipped template with its names and descriptions by language, industry, number of "
                    + "stages, the modules it needs and whether they are on, whether it is installed (and at which "
                    + "version) and whether the shipped text is newer than what is installed.")
    @ApiResponse(responseCode = "200", description = "The library", useReturnTypeSchema = true)
    @GetMapping("/api/template-library")
    List<TemplateLibrary.Entry> list() {
        return library.list(actors.current());
    }

    @Operation(operationId = "getTemplateLibraryEntry", summary = "Read one shipped template of the library")
    @ApiResponse(responseCode = "200", description = "The shipped template and how your workspace has it",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "The library has no such template.")
    @GetMapping("/api/template-library/{key}")
    TemplateLibrary.Entry get(@PathVariable String key) {
        return library.get(key, actors.current());
    }

    @Operation(operationId = "installTemplateFromLibrary", summary = "Install or update a shipped template in your workspace",
            description = "Admins only. Saves the shipped text as the draft and publishes it as the workspace's next "
                    + "version, authored by the caller. `enableModules: true` switches on the modules it needs that "
                    + "are off; `replaceDraft: true` replaces an unpublished draft of the same key. Installing what "
                    + "already is the newest version changes nothing and answers 200 with `changed: false`.")
    @ApiResponse(responseCode = "201", description = "Published as a new version", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "Already up to date: nothing was published", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The shipped template is not valid in this workspace: `errors` says why.")
    @ApiResponse(responseCode = "403", description = "Only an admin installs templates.")
    @ApiResponse(responseCode = "404", description = "The library has no such template.")
    @ApiResponse(responseCode = "409", description = "Modules it needs are off (`modules` names them), the template "
            + "has an unpublished draft, or it was installed or published by someone else at the same moment.")
    @PostMapping("/api/template-library/{key}/install")
    ResponseEntity<TemplateLibrary.Installed> install(@PathVariable String key,
                                                      @RequestBody(required = false) TemplateLibrary.InstallRequest body) {
        TemplateLibrary.Installed installed;
        try {
            installed = library.install(key, body, actors.current());
        } catch (DataIntegrityViolationException | OptimisticLockingFailureException e) {
            // two installs (or an install and a publish) of one key at once: one wins, the other is told
            throw Problems.conflict("template-install-concurrent", "Template '" + key + "' was installed or published "
                    + "by someone else at the same moment; look at the library again before retrying.");
        }
        return ResponseEntity.status(installed.changed() ? HttpStatus.CREATED : HttpStatus.OK).body(installed);
    }
}
