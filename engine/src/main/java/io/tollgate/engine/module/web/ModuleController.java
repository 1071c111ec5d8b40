package io.tollgate.engine.module.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.module.ModuleService;
import io.tollgate.engine.security.Actors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/modules")
@Tag(name = "Modules")
class ModuleController {

    private final ModuleService modules;
    private final Actors actors;

    ModuleController(ModuleService modules, Actors actors) {
        this.modules = modules;
        this.actors = actors;
    }

    /** The new state of a module. */
    record Switch(Boolean enabled) {
    }

    @Operation(operationId = "listModules", summary = "List the modules and whether each is on in your workspace")
    @GetMapping
    List<ModuleService.ModuleState> list() {
        return modules.modules(actors.current());
    }

    @Operation(operationId = "switchModule", summary = "Switch a module on or off for your workspace",
            description = "Admins only. A module that is off answers 404 on its paths.")
    @ApiResponse(responseCode = "200", description = "The module's new state", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "`enabled` is missing.")
    @ApiResponse(responseCode = "403", description = "Only an admin switches modules.")
    @ApiResponse(responseCode = "404", description = "There is no such module.")
    @PutMapping("/{module}")
    ModuleService.ModuleState set(@PathVariable String module, @RequestBody(required = false) Switch body) {
        return modules.switchModule(module, body == null ? null : body.enabled(), actors.current());
    }
}
