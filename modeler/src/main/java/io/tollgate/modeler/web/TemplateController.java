package io.tollgate.modeler.web;

import io.tollgate.modeler.parse.TemplateFormat;
import io.tollgate.modeler.parse.TemplateReader;
import io.tollgate.modeler.store.PublishingWorkspace;
import io.tollgate.modeler.store.TemplateSource;
import io.tollgate.modeler.store.TemplateStore;
import io.tollgate.modeler.store.TemplateSummary;
import io.tollgate.modeler.store.VersionInfo;
import io.tollgate.modeler.validation.Problem;
import io.tollgate.modeler.validation.ValidationReport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Templates for process admins; the engine's security decides who may write. */
@RestController
@RequestMapping("/api/templates")
public class TemplateController {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final TemplateStore store;
    private final ObjectProvider<PublishingWorkspace> workspaces;

    public TemplateController(TemplateStore store, ObjectProvider<PublishingWorkspace> workspaces) {
        this.store = store;
        this.workspaces = workspaces;
    }

    /** The caller's workspace: every template read or written here is that workspace's. */
    private String workspace() {
        PublishingWorkspace workspace = workspaces.getIfAvailable();
        String id = workspace == null ? STANDALONE : workspace.currentWorkspace();
        if (id == null) {
            throw new ErrorResponseException(HttpStatus.UNAUTHORIZED);
        }
        return id;
    }

    /** The one workspace of a modeler running without a runtime around it. */
    static final String STANDALONE = "standalone";

    @GetMapping
    public List<TemplateSummary> list() {
        return store.list(workspace());
    }

    /** The JSON Schema of the template language, for editors that validate template files. */
    @GetMapping(value = "/schema", produces = {"application/schema+json", MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<String> schema() throws java.io.IOException {
        try (var in = TemplateController.class.getResourceAsStream("/tollgate/template-schema.json")) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/schema+json"))
                    .body(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Answers the template as JSON, or as the YAML it was written in when the client asks for YAML. */
    @GetMapping("/{key}")
    public ResponseEntity<String> get(@PathVariable String key,
                                      @RequestParam(required = false) Integer version,
                                      @RequestParam(defaultValue = "false") boolean draft,
                                      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        TemplateSource source = store.source(workspace(), key, version, draft);
        if (wantsYaml(accept)) {
            String text = source.format() == TemplateFormat.YAML ? source.text()
                    : TemplateReader.toYaml(new TemplateReader().read(source.text(), source.format()).tree());
            return ResponseEntity.ok().contentType(YAML).body(text);
        }
        String json = source.format() == TemplateFormat.JSON ? source.text()
                : TemplateReader.toJson(new TemplateReader().read(source.text(), source.format()).tree());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    @PutMapping(value = "/{key}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/yaml",
            "application/x-yaml", "text/yaml", "text/x-yaml", MediaType.TEXT_PLAIN_VALUE})
    public Map<String, Object> saveDraft(@PathVariable String key, @RequestBody String body,
                                         @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
                                         Principal principal) {
        ValidationReport report = store.saveDraft(workspace(), key, body, format(contentType, body), principal.getName());
        return Map.of("key", key, "draft", true, "valid", report.valid(), "errors", errors(report));
    }

    @PostMapping("/{key}/validate")
    public Map<String, Object> validate(@PathVariable String key, @RequestBody(required = false) String body,
                                        @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        ValidationReport report = body == null || body.isBlank() ? store.validateDraft(workspace(), key)
                : store.validate(workspace(), body, format(contentType, body));
        return Map.of("valid", report.valid(), "errors", errors(report));
    }

    @PostMapping("/{key}/publish")
    public ResponseEntity<Map<String, Object>> publish(@PathVariable String key, Principal principal) {
        VersionInfo v = store.publish(workspace(), key, principal.getName());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("key", key, "version", v.version(), "publishedAt", v.publishedAt(),
                        "publishedBy", v.publishedBy()));
    }

    @GetMapping("/{key}/versions")
    public List<VersionInfo> versions(@PathVariable String key) {
        return store.versions(workspace(), key);
    }

    @GetMapping(value = "/{key}/bpmn", produces = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    public String bpmn(@PathVariable String key, @RequestParam(required = false) Integer version) {
        return store.bpmn(workspace(), key, version);
    }

    private static boolean wantsYaml(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("yaml");
    }

    private static TemplateFormat format(String contentType, String body) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return TemplateFormat.JSON;
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("yaml")) {
            return TemplateFormat.YAML;
        }
        return TemplateFormat.sniff(body);
    }

    private static List<Map<String, Object>> errors(ValidationReport report) {
        return report.problems().stream().map(TemplateController::asMap).toList();
    }

    static Map<String, Object> asMap(Problem p) {
        return Map.of("path", p.path(), "message", p.message(), "code", p.code(),
                "severity", p.severity().name().toLowerCase(Locale.ROOT));
    }
}
