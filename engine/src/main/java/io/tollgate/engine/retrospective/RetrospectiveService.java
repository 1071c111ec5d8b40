package io.tollgate.engine.retrospective;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.modules.ProjectManagers;
import io.tollgate.engine.project.Project;
import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.retrospective.internal.Retrospectives;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import io.tollgate.modeler.model.Stage;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Retrospectives of completed projects. The project's manager (an admin, a holder of its {@code pm}
 * role, or its creator when no one holds that role) records and revises it; whoever sees the project
 * reads it; the knowledge search finds it for whoever sees the project, across the workspace. Each
 * save publishes {@link RetrospectiveEvents.RetrospectiveRecorded}, which the audit trail records.
 */
@Service
@Transactional
public class RetrospectiveService {

    /** Longest "went well" and "to improve" text, in characters. */
    public static final int MAX_TEXT = 4000;
    /** Longest note on one stage, in characters. */
    public static final int MAX_STAGE_NOTE = 2000;
    /** Longest search text. */
    public static final int MAX_QUERY = 100;
    /** Deepest page and largest page of the search. */
    public static final int MAX_PAGE = 1000;
    public static final int MAX_PAGE_SIZE = 100;
    /** Most matching retrospectives one search looks through before paging. */
    static final int MAX_MATCHES = 5000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Retrospectives retrospectives;
    private final ProjectService projects;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RetrospectiveService(Retrospectives retrospectives, ProjectService projects, ApplicationEventPublisher events,
                         Clock clock) {
        this.retrospectives = retrospectives;
        this.projects = projects;
        this.events = events;
        this.clock = clock;
    }

    /** A stage of the project with the note on it (null when there is none). */
    public record StageNote(String key, String name, Map<String, String> names, String note) {
    }

    /**
     * A project's retrospective; {@code recorded} is false (and the texts empty) until its manager
     * records one; {@code editable} says whether the caller may.
     */
    public record RetrospectiveView(String projectId, String projectName, String template, boolean recorded,
                                    String wentWell, String toImprove, List<StageNote> stages, String recordedBy,
                                    Instant recordedAt, String updatedBy, Instant updatedAt, boolean editable) {
    }

    /** What the manager writes: both texts, and notes by stage key (stages left out have no note). */
    public record RetrospectiveBody(String wentWell, String toImprove, Map<String, String> stageNotes) {
    }

    /** One line of the knowledge search: the retrospective's texts and the stages that have a note. */
    public record Found(String projectId, String projectName, String template, String wentWell, String toImprove,
                        List<StageNote> stages, String updatedBy, Instant updatedAt) {
    }

    /** A page of the knowledge search. */
    public record FoundPage(List<Found> items, int page, int size, long total) {
    }

    @Transactional(readOnly = true)
    public RetrospectiveView get(String projectId, Actor actor) {
        ProjectContext context = completed(projectId, actor);
        return view(context, retrospectives.findByProjectId(projectId).orElse(null), actor);
    }

    public RetrospectiveView record(String projectId, RetrospectiveBody body, Actor actor) {
        ProjectContext context = completed(projectId, actor);
        Project project = context.project();
        if (!ProjectManagers.manages(project, actor)) {
            throw Problems.forbidden("Only the project's manager records its retrospective; you can read it.");
        }
        List<Problems.FieldError> errors = new ArrayList<>();
        String wentWell = text("wentWell", body == null ? null : body.wentWell(), MAX_TEXT, errors);
        String toImprove = text("toImprove", body == null ? null : body.toImprove(), MAX_TEXT, errors);
        Map<String, String> notes = new LinkedHashMap<>();
        Map<String, String> given = body == null || body.stageNotes() == null ? Map.of() : body.stageNotes();
        List<String> stageKeys = context.template().stages().stream().map(Stage::key).toList();
        given.forEach((key, note) -> {
            if (!stageKeys.contains(key)) {
                errors.add(new Problems.FieldError("stageNotes." + (key.length() > 100 ? key.substring(0, 100) : key),
                        "This project has no such stage; its stages are " + stageKeys + "."));
                return;
            }
            String checked = text("stageNotes." + key, note, MAX_STAGE_NOTE, errors);
            if (!checked.isEmpty()) {
                notes.put(key, checked);
            }
        });
        if (errors.isEmpty() && wentWell.isEmpty() && toImprove.isEmpty() && notes.isEmpty()) {
            errors.add(new Problems.FieldError("wentWell", "Write what went well, what to improve or a note on a stage."));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The retrospective cannot be saved: " + errors.size() + " problem(s).", errors);
        }
        Instant now = clock.instant();
        Retrospective existing = retrospectives.findByProjectId(projectId).orElse(null);
        Retrospective retro = existing != null ? existing : new Retrospective(UUID.randomUUID().toString(),
                project.workspaceId(), project.id(), project.name(), project.templateKey(), actor.username(), now);
        StringBuilder search = new StringBuilder(project.name()).append('\n').append(wentWell).append('\n').append(toImprove);
        notes.values().forEach(n -> search.append('\n').append(n));
        retro.record(wentWell, toImprove, write(notes), search.toString().toLowerCase(Locale.ROOT), actor.username(), now);
        retrospectives.saveAndFlush(retro);
        events.publishEvent(new RetrospectiveEvents.RetrospectiveRecorded(project.workspaceId(), project.id(), retro.id(),
                actor.username(), existing != null, notes.size(), now));
        return view(context, retro, actor);
    }

    /**
     * Retrospectives of the caller's workspace that hold {@code q} (any case, anywhere in their texts or
     * the project's name), of one template when asked, newest first, among the projects the caller sees.
     */
    @Transactional(readOnly = true)
    public FoundPage search(String q, String template, int page, int size, Actor actor) {
        if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_PAGE_SIZE) {
            throw Problems.badRequest("invalid-parameter", "page is between 0 and " + MAX_PAGE
                    + " and size between 1 and " + MAX_PAGE_SIZE + ".");
        }
        if (q != null && q.length() > MAX_QUERY) {
            throw Problems.invalidFields("The search text is too long.",
                    List.of(new Problems.FieldError("q", "At most " + MAX_QUERY + " characters.")));
        }
        if (template != null && template.length() > 100) {
            throw Problems.invalidFields("There is no such template.",
                    List.of(new Problems.FieldError("template", "At most 100 characters.")));
        }
        String like = q == null || q.isBlank() ? null
                : "%" + q.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<Retrospective> matches = retrospectives.search(actor.workspaceId(),
                template == null || template.isBlank() ? null : template.strip(), like, PageRequest.of(0, MAX_MATCHES));
        Map<String, ProjectContext> contexts = projects.contexts(matches.stream().map(Retrospective::projectId).toList());
        List<Retrospective> visible = matches.stream().filter(r -> {
            ProjectContext c = contexts.get(r.projectId());
            return c != null && projects.visibleTo(c.project(), actor);
        }).toList();
        int from = Math.min(visible.size(), page * size);
        List<Found> items = visible.subList(from, Math.min(visible.size(), from + size)).stream().map(r -> {
            ProjectContext c = contexts.get(r.projectId());
            List<StageNote> stages = stageNotes(c, read(r.stageNotesJson())).stream().filter(s -> s.note() != null).toList();
            return new Found(r.projectId(), c.project().name(), r.templateKey(), r.wentWell(), r.toImprove(), stages,
                    r.updatedBy(), r.updatedAt());
        }).toList();
        return new FoundPage(items, page, size, visible.size());
    }

    /** The project, if the caller sees it and it has completed: 409 while it has not. */
    private ProjectContext completed(String projectId, Actor actor) {
        ProjectContext context = projects.context(projectId, actor);
        if (context.project().status() != Project.Status.COMPLETED) {
            throw Problems.conflict("project-not-completed", "A retrospective is recorded once the project has "
                    + "completed; it is " + context.project().status().name().toLowerCase(Locale.ROOT) + ".");
        }
        return context;
    }

    private RetrospectiveView view(ProjectContext context, Retrospective r, Actor actor) {
        Project project = context.project();
        boolean editable = ProjectManagers.manages(project, actor);
        if (r == null) {
            return new RetrospectiveView(project.id(), project.name(), project.templateKey(), false, "", "",
                    stageNotes(context, Map.of()), null, null, null, null, editable);
        }
        return new RetrospectiveView(project.id(), project.name(), project.templateKey(), true, r.wentWell(),
                r.toImprove(), stageNotes(context, read(r.stageNotesJson())), r.recordedBy(), r.recordedAt(),
                r.updatedBy(), r.updatedAt(), editable);
    }

    /** The project's stages in order, each with its note. */
    private static List<StageNote> stageNotes(ProjectContext context, Map<String, String> notes) {
        return context.template().stages().stream()
                .map(s -> new StageNote(s.key(), s.label(), s.names(), notes.get(s.key()))).toList();
    }

    private static String text(String path, String given, int max, List<Problems.FieldError> errors) {
        String s = given == null ? "" : given.strip();
        if (s.codePointCount(0, s.length()) > max) {
            errors.add(new Problems.FieldError(path, "At most " + max + " characters."));
        } else if (s.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
            errors.add(new Problems.FieldError(path, "No control characters but tabs and line breaks."));
        }
        return s;
    }

    private static String write(Map<String, String> notes) {
        try {
            return JSON.writeValueAsString(notes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
