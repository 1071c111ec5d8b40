package io.tollgate.engine.ui;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.security.Actors;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.parse.TemplateFormat;
import io.tollgate.modeler.parse.TemplateReader;
import io.tollgate.modeler.store.TemplateStore;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.Map;

/** The diagram of a template being designed: the body compiled as it would be published, drawn as the project page draws it. */
@RestController
@Tag(name = "Templates")
class DraftDiagramController {

    private final TemplateStore templates;
    private final Actors actors;

    DraftDiagramController(TemplateStore templates, Actors actors) {
        this.templates = templates;
        this.actors = actors;
    }

    @Operation(operationId = "drawTemplateDraft", summary = "The diagram of a template given in the body, as SVG",
            description = "Validates and compiles the template in the body (JSON or YAML) without saving it, and draws "
                    + "the compiled BPMN the way a project's diagram is drawn.")
    @ApiResponse(responseCode = "200", description = "An SVG image")
    @ApiResponse(responseCode = "400", description = "The template has errors; `errors` lists them")
    @PostMapping(value = "/api/templates/{key}/diagram.svg", produces = "image/svg+xml",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/yaml", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<String> draw(@PathVariable String key, @RequestBody String body,
                                @Parameter(description = "Language of the stage and task names, e.g. `zh-CN`")
                                @RequestParam(required = false) String lang) {
        TemplateFormat format = TemplateFormat.sniff(body);
        String xml = templates.compile(actors.current().workspaceId(), body, format);
        Map<String, String> labels = new HashMap<>();
        Template template = new TemplateReader().read(body, format).template();
        if (template != null && lang != null && lang.length() <= 35) {
            for (Stage stage : template.stages()) {
                labels.put("stage__" + stage.key(), translated(stage.names(), lang, stage.label()));
                for (TaskDef task : stage.tasks()) {
                    labels.put("task__" + stage.key() + "__" + task.key(), translated(task.names(), lang, task.label()));
                }
            }
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(DiagramSvg.render(xml, Map.of(), labels));
    }

    private static String translated(Map<String, String> names, String lang, String fallback) {
        String name = names == null ? null : names.get(lang);
        return name == null || name.isBlank() ? fallback : name;
    }
}
