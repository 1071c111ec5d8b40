package io.tollgate.engine.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.template.internal.TaskImports;
import io.tollgate.modeler.parse.TemplateFormat;
import io.tollgate.modeler.store.TemplateStore;
import io.tollgate.modeler.validation.ValidationReport;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Imports of task lists in two steps: a preview that reads the file, keeps its rows for a short while
 * and answers what would be created with every problem by row and column, then a confirmation that
 * creates it. Nothing but the preview itself is stored before the user confirms.
 */
@Service
@Transactional
public class TaskListImports {

    /** How long a preview waits for its confirmation. */
    public static final Duration PREVIEW_LIFETIME = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaskImports imports;
    private final TaskListReader reader;
    private final TaskListImport importer;
    private final TemplateStore templates;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TaskListImports(TaskImports imports, TaskListReader reader, TaskListImport importer, TemplateStore templates,
                    ApplicationEventPublisher events, Clock clock) {
        this.imports = imports;
        this.reader = reader;
        this.importer = importer;
        this.templates = templates;
        this.events = events;
        this.clock = clock;
    }

    /** A draft template imported from a task list was saved. */
    public record DraftImported(String workspaceId, String key, String importId, int stages, int tasks, String user,
                                Instant at) {
    }

    /**
     * What a template import would create: its stages with their tasks, the roles, how many
     * prerequisites, the draft's YAML when it can be made, and every problem by row and column.
     */
    public record TemplatePreview(String id, Instant expiresAt, String key, String name, String format, String charset,
                                  List<TaskListImport.PlannedStage> stages, Map<String, String> roles, int tasks,
                                  int prerequisites, List<TaskListImport.RowError> problems, boolean confirmable,
                                  String yaml) {
    }

    /** The saved draft: its key, whether it validates, and the validation problems. */
    public record ConfirmedDraft(String key, String importId, boolean draft, boolean valid, int stages, int tasks,
                                 List<Map<String, String>> errors) {
    }

    /** A stored preview's rows, for the feature that confirms it. */
    public record Stored(TaskImport preview, List<TaskListReader.Line> lines, Map<String, String> letters) {
    }

    private record Rows(List<TaskListReader.Line> lines, Map<String, String> letters) {
    }

    public TemplatePreview previewTemplate(byte[] file, TaskListReader.Format format, String key, String name, Actor actor) {
        TaskListReader.TaskList list = reader.read(file, format);
        TaskListImport.Plan plan = importer.plan(list, key, name);
        TaskImport stored = store(TaskImport.Kind.TEMPLATE, key, name, list, actor);
        return preview(stored, plan, list);
    }

    public ConfirmedDraft confirmTemplate(String id, Actor actor) {
        Stored stored = take(id, TaskImport.Kind.TEMPLATE, null, actor);
        TaskImport preview = stored.preview();
        if (templates.list(actor.workspaceId()).stream().anyMatch(t -> t.key().equals(preview.target()))) {
            throw Problems.conflict("template-exists", "A template '" + preview.target() + "' exists already; import "
                    + "under another key.");
        }
        TaskListImport.Plan plan = importer.plan(new TaskListReader.TaskList(stored.lines(), stored.letters(), List.of(), null),
                preview.target(), preview.name());
        if (!plan.problems().isEmpty()) {
            throw TaskListImport.rowsInvalid(plan.problems());
        }
        ValidationReport report = templates.saveDraft(actor.workspaceId(), preview.target(), plan.draft().yaml(),
                TemplateFormat.YAML, actor.username());
        Instant now = clock.instant();
        events.publishEvent(new DraftImported(actor.workspaceId(), preview.target(), preview.id(), plan.draft().stages(),
                plan.draft().tasks(), actor.username(), now));
        return new ConfirmedDraft(preview.target(), preview.id(), true, report.valid(), plan.draft().stages(),
                plan.draft().tasks(), report.problems().stream().map(p -> Map.of("path", p.path(), "message", p.message(),
                        "code", p.code(), "severity", p.severity().name().toLowerCase(Locale.ROOT))).toList());
    }

    /** Keeps the rows read for a preview; forgets previews whose time is up. */
    public TaskImport store(TaskImport.Kind kind, String target, String name, TaskListReader.TaskList list, Actor actor) {
        Instant now = clock.instant();
        imports.deleteExpired(now.minus(PREVIEW_LIFETIME));
        String json;
        try {
            json = JSON.writeValueAsString(new Rows(list.lines(), list.letters()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        TaskImport preview = new TaskImport(UUID.randomUUID().toString(), actor.workspaceId(), kind, target, name, json,
                actor.username(), now, now.plus(PREVIEW_LIFETIME));
        return imports.save(preview);
    }

    /**
     * A preview the caller made for this target, not yet confirmed nor expired, marked confirmed: the
     * caller creates what it describes in the same transaction, or the confirmation rolls back with it.
     */
    public Stored take(String id, TaskImport.Kind kind, String target, Actor actor) {
        TaskImport preview = imports.findById(id == null ? "" : id)
                .filter(p -> p.workspaceId().equals(actor.workspaceId()) && p.createdBy().equals(actor.username())
                        && p.kind() == kind && (target == null || p.target().equals(target)))
                .orElseThrow(() -> Problems.notFound("import", "There is no import preview '" + id + "' of yours here; "
                        + "previews last " + PREVIEW_LIFETIME.toMinutes() + " minutes."));
        try {
            Rows rows = JSON.readValue(preview.rowsJson(), new TypeReference<Rows>() { });
            preview.confirm(clock.instant());
            imports.flush();
            return new Stored(preview, rows.lines(), rows.letters());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TemplatePreview preview(TaskImport stored, TaskListImport.Plan plan, TaskListReader.TaskList list) {
        int tasks = plan.stages().stream().mapToInt(s -> s.tasks().size()).sum();
        return new TemplatePreview(stored.id(), stored.expiresAt(), stored.target(), stored.name(),
                list.charset() == null ? "xlsx" : "csv", list.charset(), plan.stages(), plan.roles(), tasks,
                plan.prerequisites(), plan.problems(), plan.problems().isEmpty(),
                plan.draft() == null ? null : plan.draft().yaml());
    }
}
