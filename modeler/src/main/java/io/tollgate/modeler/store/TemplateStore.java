package io.tollgate.modeler.store;

import io.tollgate.modeler.compiler.TemplateCompiler;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.parse.TemplateFormat;
import io.tollgate.modeler.parse.TemplateReader;
import io.tollgate.modeler.validation.Problem;
import io.tollgate.modeler.validation.ProblemCode;
import io.tollgate.modeler.validation.TemplateValidator;
import io.tollgate.modeler.validation.ValidationContext;
import io.tollgate.modeler.validation.ValidationReport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drafts and versions of templates. Publishing validates the draft, compiles it, deploys the BPMN
 * and records version N+1, all in one transaction: a failed deployment leaves no version behind.
 */
@Service
@Transactional
public class TemplateStore {

    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{1,62}");

    private final TemplateDrafts drafts;
    private final TemplateVersions versions;
    private final TemplateDeployer deployer;
    private final ObjectProvider<PublishingWorkspace> modules;
    private final ObjectProvider<ValidationContext.ExpressionChecker> expressions;
    private final Clock clock;
    private final TemplateReader reader = new TemplateReader();
    private final TemplateValidator validator = new TemplateValidator();
    private final TemplateCompiler compiler = new TemplateCompiler();
    private final Map<String, PublishedTemplate> published = new ConcurrentHashMap<>();

    public TemplateStore(TemplateDrafts drafts, TemplateVersions versions, TemplateDeployer deployer,
                         ObjectProvider<PublishingWorkspace> modules,
                         ObjectProvider<ValidationContext.ExpressionChecker> expressions,
                         ObjectProvider<Clock> clock) {
        this.drafts = drafts;
        this.versions = versions;
        this.deployer = deployer;
        this.modules = modules;
        this.expressions = expressions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Transactional(readOnly = true)
    public List<TemplateSummary> list(String workspace) {
        Map<String, TemplateSummary> out = new LinkedHashMap<>();
        for (TemplateVersion v : versions.findLatestOfEach(workspace)) {
            out.put(v.key(), new TemplateSummary(v.key(), v.name(), v.industry(), v.version(),
                    drafts.existsByWorkspaceIdAndKey(workspace, v.key())));
        }
        for (TemplateDraft d : drafts.findByWorkspaceId(workspace)) {
            if (!out.containsKey(d.key())) {
                Template t = reader.read(d.source(), TemplateFormat.valueOf(d.format())).template();
                out.put(d.key(), new TemplateSummary(d.key(), t == null ? null : t.name(), t == null ? null : t.industry(),
                        null, true));
            }
        }
        return out.values().stream().sorted(java.util.Comparator.comparing(TemplateSummary::key)).toList();
    }

    /** Saves a draft as written. It must parse as a document; it need not be valid yet. */
    public ValidationReport saveDraft(String workspace, String key, String text, TemplateFormat format, String user) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidTemplateException("The address does not name a template key.",
                    List.of(Problem.error(ProblemCode.TEMPLATE_KEY_INVALID, "$.key", "Template key '" + key
                            + "' must be 2-63 lower-case letters, digits or hyphens, starting with a letter.")));
        }
        TemplateReader.Result read = reader.read(text, format);
        if (read.template() == null) {
            boolean tooLarge = read.problems().stream().anyMatch(p -> p.code().equals(ProblemCode.TEMPLATE_TOO_LARGE.code()));
            throw new InvalidTemplateException(tooLarge ? "The template is too large." : "The template does not parse.",
                    read.problems());
        }
        String bodyKey = read.template().key();
        if (bodyKey != null && !bodyKey.equals(key)) {
            throw new InvalidTemplateException("The template's key does not match the address.",
                    List.of(Problem.error(ProblemCode.TEMPLATE_KEY_MISMATCH, "$.key", "The body says key '" + bodyKey
                            + "' but it is saved under '" + key + "'.")));
        }
        TemplateDraft draft = drafts.findByWorkspaceIdAndKey(workspace, key).orElseGet(() -> new TemplateDraft(workspace, key));
        draft.revise(text, format.name(), user, Instant.now(clock));
        drafts.save(draft);
        return validate(workspace, read);
    }

    /** Validates the draft of a template. */
    @Transactional(readOnly = true)
    public ValidationReport validateDraft(String workspace, String key) {
        TemplateDraft draft = drafts.findByWorkspaceIdAndKey(workspace, key)
                .orElseThrow(() -> new TemplateNotFoundException("Template '" + key + "' has no draft."));
        return validate(workspace, reader.read(draft.source(), TemplateFormat.valueOf(draft.format())));
    }

    /** Validates a template given as text, without saving it. */
    @Transactional(readOnly = true)
    public ValidationReport validate(String workspace, String text, TemplateFormat format) {
        return validate(workspace, reader.read(text, format));
    }

    private ValidationReport validate(String workspaceId, TemplateReader.Result read) {
        PublishingWorkspace workspace = modules.getIfAvailable();
        ValidationContext context = workspace == null
                ? ValidationContext.standalone(expressions.getIfAvailable())
                : new ValidationContext(workspace.knownModules(), workspace.enabledModules(workspaceId),
                        expressions.getIfAvailable(), name -> workspace.hasUser(workspaceId, name));
        return validator.validate(read.template(), read.problems(), context);
    }

    /**
     * Compiles a template given as text to BPMN XML without saving or deploying it, so a designer can
     * show the diagram of what it edits; refused with every error when the template is not valid.
     */
    @Transactional(readOnly = true)
    public String compile(String workspace, String text, TemplateFormat format) {
        TemplateReader.Result read = reader.read(text, format);
        ValidationReport report = validate(workspace, read);
        if (!report.valid()) {
            throw new InvalidTemplateException("The template has " + report.errors().size()
                    + " problem(s); it cannot be drawn yet.", report.errors());
        }
        return compiler.compile(read.template()).xml();
    }

    /** Validates, compiles and deploys the draft as the next version; the draft is then cleared. */
    public VersionInfo publish(String workspace, String key, String user) {
        TemplateDraft draft = drafts.findByWorkspaceIdAndKey(workspace, key)
                .orElseThrow(() -> new TemplateNotFoundException("Template '" + key + "' has no draft to publish."));
        TemplateFormat format = TemplateFormat.valueOf(draft.format());
        TemplateReader.Result read = reader.read(draft.source(), format);
        ValidationReport report = validate(workspace, read);
        if (!report.valid()) {
            throw new InvalidTemplateException("The draft has " + report.errors().size()
                    + " problem(s); nothing was published.", report.errors());
        }
        Template template = read.template();
        if (template.key() == null || !template.key().equals(key)) {
            throw new InvalidTemplateException("The template's key does not match the address.",
                    List.of(Problem.error(ProblemCode.TEMPLATE_KEY_MISMATCH, "$.key", "The draft's key must be '" + key + "'.")));
        }
        int next = versions.findFirstByWorkspaceIdAndKeyOrderByVersionDesc(workspace, key).map(v -> v.version() + 1).orElse(1);
        String xml = compiler.compile(template).xml();
        String definitionId = deployer.deploy(workspace, key, next, template.name(), xml);
        Instant now = Instant.now(clock);
        versions.save(new TemplateVersion(workspace, key, next, template.name(), template.industry(), draft.source(),
                draft.format(), xml, now, user, definitionId));
        drafts.delete(draft);
        return new VersionInfo(next, now, user);
    }

    @Transactional(readOnly = true)
    public List<VersionInfo> versions(String workspace, String key) {
        List<VersionInfo> out = new ArrayList<>();
        versions.findByWorkspaceIdAndKeyOrderByVersionAsc(workspace, key)
                .forEach(v -> out.add(new VersionInfo(v.version(), v.publishedAt(), v.publishedBy())));
        if (out.isEmpty() && !drafts.existsByWorkspaceIdAndKey(workspace, key)) {
            throw new TemplateNotFoundException("There is no template '" + key + "'.");
        }
        return out;
    }

    /** The source of the latest version, of a given version, or of the draft. */
    @Transactional(readOnly = true)
    public TemplateSource source(String workspace, String key, Integer version, boolean draft) {
        if (draft) {
            TemplateDraft d = drafts.findByWorkspaceIdAndKey(workspace, key)
                    .orElseThrow(() -> new TemplateNotFoundException("Template '" + key + "' has no draft."));
            return new TemplateSource(d.source(), TemplateFormat.valueOf(d.format()));
        }
        TemplateVersion v = version(workspace, key, version);
        return new TemplateSource(v.source(), TemplateFormat.valueOf(v.format()));
    }

    @Transactional(readOnly = true)
    public String bpmn(String workspace, String key, Integer version) {
        return version(workspace, key, version).bpmnXml();
    }

    /** A published version with its parsed model; versions never change, so they are cached. */
    @Transactional(readOnly = true)
    public PublishedTemplate published(String workspace, String key, Integer version) {
        if (version != null) {
            PublishedTemplate cached = published.get(workspace + "/" + key + "#" + version);
            if (cached != null) {
                return cached;
            }
        }
        TemplateVersion v = version(workspace, key, version);
        return published.computeIfAbsent(workspace + "/" + key + "#" + v.version(), k -> {
            Template template = reader.read(v.source(), TemplateFormat.valueOf(v.format())).template();
            return new PublishedTemplate(v.key(), v.version(), template, v.processDefinitionId(), v.publishedAt(),
                    v.publishedBy());
        });
    }

    /** The published version the engine deployed as this process definition. */
    @Transactional(readOnly = true)
    public PublishedTemplate publishedAs(String processDefinitionId) {
        TemplateVersion v = versions.findByProcessDefinitionId(processDefinitionId).orElseThrow(() ->
                new TemplateNotFoundException("No template version was deployed as " + processDefinitionId + "."));
        return published(v.workspaceId(), v.key(), v.version());
    }

    @Transactional(readOnly = true)
    public boolean isPublished(String workspace, String key) {
        return versions.existsByWorkspaceIdAndKey(workspace, key);
    }

    private TemplateVersion version(String workspace, String key, Integer version) {
        Optional<TemplateVersion> v = version == null ? versions.findFirstByWorkspaceIdAndKeyOrderByVersionDesc(workspace, key)
                : versions.findByWorkspaceIdAndKeyAndVersion(workspace, key, version);
        return v.orElseThrow(() -> new TemplateNotFoundException(version == null
                ? "Template '" + key + "' has no published version."
                : "Template '" + key + "' has no version " + version + "."));
    }
}
