package io.tollgate.engine.migration.web;

import io.tollgate.engine.migration.MigrationService;
import io.tollgate.engine.security.Actors;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/templates/{key}/migrations")
class MigrationController {

    private final MigrationService migrations;
    private final Actors actors;

    MigrationController(MigrationService migrations, Actors actors) {
        this.migrations = migrations;
        this.actors = actors;
    }

    @PostMapping("/dry-run")
    MigrationService.DryRun dryRun(@PathVariable String key,
                                   @RequestBody(required = false) MigrationService.MigrationRequest body) {
        return migrations.dryRun(key, body, actors.current());
    }

    @PostMapping
    MigrationService.Outcome migrate(@PathVariable String key,
                                     @RequestBody(required = false) MigrationService.MigrationRequest body) {
        return migrations.migrate(key, body, actors.current());
    }
}
