package io.tollgate.engine.modules.risks.web;

import io.tollgate.engine.modules.risks.RiskRegister;
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
@RequestMapping("/api/projects/{projectId}/risks")
class RiskController {

    private final RiskRegister register;
    private final Actors actors;

    RiskController(RiskRegister register, Actors actors) {
        this.register = register;
        this.actors = actors;
    }

    @GetMapping
    List<RiskRegister.RiskView> list(@PathVariable String projectId) {
        return register.list(projectId, actors.current());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RiskRegister.RiskView add(@PathVariable String projectId, @RequestBody(required = false) RiskRegister.RiskInput body) {
        return register.add(projectId, body, actors.current());
    }

    @PatchMapping("/{riskId}")
    RiskRegister.RiskView update(@PathVariable String projectId, @PathVariable String riskId,
                                 @RequestBody(required = false) RiskRegister.RiskInput body) {
        return register.update(projectId, riskId, body, actors.current());
    }
}
