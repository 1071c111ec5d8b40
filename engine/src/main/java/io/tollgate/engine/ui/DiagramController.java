package io.tollgate.engine.ui;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.modeler.store.TemplateStore;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.Map;

/** A project's process diagram, drawn from its template version's compiled BPMN, with its stages' states. */
@RestController
@Tag(name = "Projects")
class DiagramController {

    private final ProjectService projects;
    private final TemplateStore templates;
    private final Actors actors;

    DiagramController(ProjectService projects, TemplateStore templates, Actors actors) {
        this.projects = projects;
        this.templates = templates;
        this.actors = actors;
    }

    @Operation(operationId = "getProjectDiagram", summary = "The project's process diagram as SVG",
            description = "Shapes, labels and flows of the project's template version; each stage is coloured by its "
                    + "state (active and in approval highlighted, done, sent back, waiting).")
    @ApiResponse(responseCode = "200", description = "An SVG image")
    @ApiResponse(responseCode = "404", description = "There is no such project in your workspace, or you take no part in it.")
    @GetMapping(value = "/api/projects/{id}/diagram.svg", produces = "image/svg+xml")
    ResponseEntity<String> diagram(@PathVariable String id) {
        Actor actor = actors.current();
        ProjectView project = projects.view(id, actor);
        String bpmn = templates.bpmn(actor.workspaceId(), project.template(), project.version());
        Map<String, String> states = new HashMap<>();
        project.stages().forEach(s -> states.put(s.key(), s.status()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(DiagramSvg.render(bpmn, states));
    }
}
