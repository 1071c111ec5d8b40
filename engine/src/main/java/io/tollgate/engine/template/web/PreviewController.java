package io.tollgate.engine.template.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.modeler.expression.ExpressionSandbox;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.parse.TemplateFormat;
import io.tollgate.modeler.parse.TemplateReader;
import io.tollgate.modeler.store.InvalidTemplateException;
import io.tollgate.modeler.validation.FieldValues;
import io.tollgate.modeler.validation.SandboxedExpressions;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a draft would do with sample values: which stages run or are skipped (each {@code when}
 * evaluated in the same sandbox a running project uses) and who would approve each gate for a sample
 * assignment of people to roles. Nothing is saved.
 */
@RestController
@Tag(name = "Templates")
class PreviewController {

    private static final int MAX_ENTRIES = 200;
    private static final int MAX_PEOPLE_PER_ROLE = 50;

    private final ExpressionSandbox sandbox;
    private final TemplateReader reader = new TemplateReader();

    PreviewController(ExpressionSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** The draft as the designer holds it, sample field values and sample people per role. */
    record PreviewRequest(JsonNode template, Map<String, Object> fields, Map<String, List<String>> roles) {
    }

    /** One stage: whether it runs, why not, and who approves its gate in which mode. */
    record StagePreview(String key, String name, boolean runs, String when, String problem, String mode,
                        List<String> approvers) {
    }

    record Preview(List<StagePreview> stages, List<FieldProblem> fieldProblems) {
    }

    record FieldProblem(String field, String message) {
    }

    @Operation(operationId = "previewTemplate", summary = "Preview a draft with sample values",
            description = "Evaluates each stage's `when` over the sample field values and lists the approvers of each "
                    + "gate for the sample role assignment. The template is taken from the body; nothing is saved.")
    @ApiResponse(responseCode = "200", description = "Each stage: runs or skipped, and its approvers")
    @ApiResponse(responseCode = "400", description = "The template does not parse, or the body is too large")
    @PostMapping("/api/templates/{key}/preview")
    Preview preview(@PathVariable String key, @RequestBody PreviewRequest request) {
        if (request == null || request.template() == null || !request.template().isObject()) {
            throw bad("The body needs the template as an object.");
        }
        Map<String, Object> given = request.fields() == null ? Map.of() : request.fields();
        Map<String, List<String>> roles = request.roles() == null ? Map.of() : request.roles();
        if (given.size() > MAX_ENTRIES || roles.size() > MAX_ENTRIES
                || roles.values().stream().anyMatch(l -> l != null && l.size() > MAX_PEOPLE_PER_ROLE)) {
            throw bad("At most " + MAX_ENTRIES + " fields and roles, and " + MAX_PEOPLE_PER_ROLE + " people per role.");
        }
        TemplateReader.Result read = reader.read(TemplateReader.toJson(request.template()), TemplateFormat.JSON);
        Template template = read.template();
        if (template == null) {
            throw new InvalidTemplateException("The template does not parse.", read.problems());
        }
        Map<String, FieldDef> definitions = new LinkedHashMap<>();
        template.allFields().forEach(f -> {
            if (f.key() != null && f.type() != null) {
                definitions.putIfAbsent(f.key(), f);
            }
        });
        Map<String, Object> filled = new LinkedHashMap<>();
        given.forEach((k, v) -> {
            if (v != null && !(v instanceof String s && s.isBlank()) && definitions.containsKey(k)) {
                filled.put(k, v);
            }
        });
        List<FieldProblem> fieldProblems = new ArrayList<>();
        FieldValues.Result checked = FieldValues.check(filled, definitions, user -> true);
        checked.violations().forEach(v -> fieldProblems.add(new FieldProblem(v.field(), v.message())));
        Map<String, Object> values;
        try {
            values = FieldValues.forExpressions(template, checked.values());
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        Map<String, Class<?>> types = SandboxedExpressions.types(template.fieldTypes());
        List<StagePreview> stages = new ArrayList<>();
        for (Stage stage : template.stages()) {
            boolean runs = true;
            String problem = null;
            if (stage.when() != null && !stage.when().isBlank()) {
                try {
                    runs = sandbox.test(stage.when(), types, values);
                } catch (RuntimeException e) {
                    // a project runs such a stage: doing the work is the safe side
                    problem = e.getMessage();
                }
            }
            String mode = null;
            List<String> approvers = List.of();
            if (stage.gate() != null && stage.gate().approval() != null) {
                mode = stage.gate().approval().mode() == null ? null : stage.gate().approval().mode().spelling();
                Set<String> people = new LinkedHashSet<>();
                for (String ref : stage.gate().approval().approvers()) {
                    if (ref.startsWith("user:")) {
                        people.add(ref.substring(5));
                    } else if (ref.startsWith("group:")) {
                        people.add("@" + ref.substring(6));
                    } else {
                        List<String> assigned = roles.get(ref);
                        if (assigned != null) {
                            assigned.stream().filter(u -> u != null && !u.isBlank()).forEach(people::add);
                        }
                    }
                }
                approvers = List.copyOf(people);
            }
            stages.add(new StagePreview(stage.key(), stage.label(), runs, stage.when(), problem, mode, approvers));
        }
        return new Preview(stages, fieldProblems);
    }

    private static ErrorResponseException bad(String detail) {
        ErrorResponseException e = new ErrorResponseException(HttpStatus.BAD_REQUEST);
        e.setDetail(detail);
        return e;
    }
}
