package io.tollgate.engine.module.web;

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

    @GetMapping
    List<ModuleService.ModuleState> list() {
        return modules.modules(actors.current());
    }

    @PutMapping("/{module}")
    ModuleService.ModuleState set(@PathVariable String module, @RequestBody(required = false) Switch body) {
        return modules.switchModule(module, body == null ? null : body.enabled(), actors.current());
    }
}
