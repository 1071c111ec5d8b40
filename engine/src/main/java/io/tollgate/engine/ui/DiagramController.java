package io.tollgate.engine.ui;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Parameter;
import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import org.springframework.web.bind.annotation.RequestParam;
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
    ResponseEntity<String> diagram(@PathVariable String id,
                                   @Parameter(description = "Language of the stage and task names, e.g. `zh-CN`; "
                                           + "the template's own names where it has no translation")
                                   @RequestParam(required = false) String lang) {
        Actor actor = actors.current();
        ProjectContext context = projects.context(id, actor);
        ProjectView project = projects.view(context);
        String bpmn = templates.bpmn(actor.workspaceId(), project.template(), project.version());
        Map<String, String> states = new HashMap<>();
        project.stages().forEach(s -> states.put(s.key(), s.status()));
        Map<String, String> labels = new HashMap<>();
        if (lang != null && lang.length() <= 35) {
            for (Stage stage : context.template().stages()) {
                String stageName = translated(stage.names(), lang, stage.label());
                labels.put("stage__" + stage.key(), stageName);
                for (TaskDef task : stage.tasks()) {
                    labels.put("task__" + stage.key() + "__" + task.key(), translated(task.names(), lang, task.label()));
                }
            }
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(DiagramSvg.render(bpmn, states, labels));
    }

    private static String translated(Map<String, String> names, String lang, String fallback) {
        String name = names == null ? null : names.get(lang);
        return name == null || name.isBlank() ? fallback : name;
    }
}
