package io.tollgate.engine.project;

import io.tollgate.engine.attachment.AttachmentFields;
import io.tollgate.engine.attachment.FileRef;
import io.tollgate.engine.project.internal.ProjectConditions;
import io.tollgate.engine.project.internal.ProjectStages;
import io.tollgate.engine.project.internal.Projects;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.workflow.Workflow;
import io.tollgate.modeler.model.ApprovalMode;
import io.tollgate.modeler.model.Criterion;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.store.PublishedTemplate;
import io.tollgate.modeler.store.TemplateNotFoundException;
import io.tollgate.modeler.store.TemplateStore;
import io.tollgate.modeler.validation.FieldValues;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Starting, reading, updating and cancelling projects. */
@Service
@Transactional
public class ProjectService {

    private final Projects projects;
    private final ProjectStages stages;
    private final TemplateStore templates;
    private final Workflow workflow;
    private final Actors actors;
    // resolved when a view is built: the features that contribute parts depend on this service
    private final ObjectProvider<ProjectViewParts> parts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ProjectConditions conditions;
    private final io.tollgate.engine.workflow.Watches watches;
    private final AttachmentFields attachments;

    ProjectService(Projects projects, ProjectStages stages, TemplateStore templates, Workflow workflow, Actors actors,
                   ObjectProvider<ProjectViewParts> parts, ApplicationEventPublisher events, Clock clock,
                   ProjectConditions conditions, io.tollgate.engine.workflow.Watches watches,
                   AttachmentFields attachments) {
        this.attachments = attachments;
        this.conditions = conditions;
        this.watches = watches;
        this.projects = projects;
        this.stages = stages;
        this.templates = templates;
        this.workflow = workflow;
        this.actors = actors;
        this.parts = parts;
        this.events = events;
        this.clock = clock;
    }

    /** What it takes to start a project. */
    public record CreateProject(String template, Integer version, String name, Map<String, Object> fields,
                                Map<String, List<String>> roles) {
    }

    /** The short answer to starting a project ({@code Prefer: return=minimal}): where it is and its status. */
    public record Started(String id, String name, String status) {
    }

    /** Starts a project; answers its view. */
    public ProjectView create(CreateProject command, Actor actor) {
        return view(start(command, actor));
    }

    /** Starts a project; answers only its id, name and status, without building its view. */
    public Started createMinimal(CreateProject command, Actor actor) {
        ProjectContext started = start(command, actor);
        return new Started(started.id(), started.project().name(),
                started.project().status().name().toLowerCase(java.util.Locale.ROOT));
    }

    private ProjectContext start(CreateProject command, Actor actor) {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (command.template() == null || command.template().isBlank()) {
            throw Problems.invalidFields("Say which template the project follows.",
                    List.of(new Problems.FieldError("template", "A template key is required.")));
        }
        PublishedTemplate published;
        try {
            published = templates.published(actor.workspaceId(), command.template(), command.version());
        } catch (TemplateNotFoundException e) {
            throw Problems.invalidFields("There is no such published template.",
                    List.of(new Problems.FieldError("template", e.getBody().getDetail())));
        }
        Template template = published.template();
        if (command.name() == null || command.name().isBlank()) {
            errors.add(new Problems.FieldError("name", "A project needs a name."));
        } else if (command.name().length() > 255) {
            // the engine keeps the name on the process instance, in a 255-character column
            errors.add(new Problems.FieldError("name", "A project name has at most 255 characters."));
        }
        Map<String, FieldDef> projectFields = template.fields().stream()
                .collect(Collectors.toMap(FieldDef::key, f -> f, (a, b) -> a, LinkedHashMap::new));
        FieldValues.Result values = FieldValues.check(command.fields(), projectFields,
                user -> actors.exists(user, actor.workspaceId()));
        values.violations().forEach(v -> errors.add(new Problems.FieldError("fields." + v.field(), v.message())));
        attachments.check(values.values(), projectFields, null, actor)
                .forEach(v -> errors.add(new Problems.FieldError("fields." + v.field(), v.message())));
        FieldValues.missingRequired(values.values(), projectFields.values()).stream()
                .filter(v -> command.fields() == null || !command.fields().containsKey(v.field()))
                .forEach(v -> errors.add(new Problems.FieldError("fields." + v.field(), v.message())));
        Map<String, List<String>> roles = roles(template, command.roles(), actor, errors);
        Workflow.Assignments assignments = assignments(template, roles, actor.workspaceId());
        for (Stage stage : template.stages()) {
            if (stage.gate() != null && stage.gate().approval() != null) {
                List<String> people = assignments.approvers().get(stage.key());
                if (people.isEmpty()) {
                    errors.add(new Problems.FieldError("roles", "Nobody would approve stage '" + stage.label() + "'."));
                } else if (stage.gate().approval().mode() instanceof ApprovalMode.Quorum q && q.count() > people.size()) {
                    errors.add(new Problems.FieldError("roles", "Stage '" + stage.label() + "' needs " + q.count()
                            + " approvals but only " + people.size() + " people can approve: " + people + "."));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The project cannot start: " + errors.size() + " problem(s).", errors);
        }

        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Map<String, Object> stored = new LinkedHashMap<>(values.values());
        Project fresh = new Project(id, actor.workspaceId(), command.name().trim(), published.key(),
                published.version(), stored, roles, now, actor.username());
        fresh.addParticipants(participants(template, roles, actor.username()));
        Project project = projects.save(fresh);
        attachments.bind(id, actor.workspaceId(), stored, projectFields, actor.username());
        int seq = 0;
        for (Stage stage : template.stages()) {
            stages.save(new ProjectStage(UUID.randomUUID().toString(), id, stage.key(), stage.label(), seq++));
        }
        // the work feature creates the stages' tasks in this transaction, before the engine opens any
        events.publishEvent(new ProjectEvents.ProjectCreated(actor.workspaceId(), id, project.name(), published.key(),
                published.version(), roles, actor.username(), now));
        stages.flush();
        workflow.start(id, published.processDefinitionId(), project.name(), project.fieldsJson(), template, assignments);
        return new ProjectContext(project, template, stored);
    }

    /** Everyone a template puts to work in a project: role holders, named users and groups, the creator. */
    static Set<String> participants(Template template, Map<String, List<String>> roles, String creator) {
        Set<String> out = new LinkedHashSet<>();
        out.add("user:" + creator);
        roles.values().forEach(users -> users.forEach(u -> out.add("user:" + u)));
        for (Stage stage : template.stages()) {
            stage.tasks().stream().map(t -> t.assignee()).filter(a -> a.startsWith("user:") || a.startsWith("group:"))
                    .forEach(out::add);
            if (stage.gate() != null && stage.gate().approval() != null) {
                stage.gate().approval().approvers().stream().filter(a -> a.startsWith("user:") || a.startsWith("group:"))
                        .forEach(out::add);
            }
        }
        return out;
    }

    /** People who take part from now on (a delegate, an added signer): they see the project. */
    public void addParticipants(String projectId, Collection<String> users) {
        projects.findById(projectId).orElseThrow().addParticipants(users.stream().map(u -> "user:" + u).toList());
    }

    /** Whether the caller sees every project of the workspace, or only those they take part in. */
    private static boolean seesEverything(Actor actor) {
        return actor.isAdmin() || actor.roles().contains("pm");
    }

    /** Who plays each role, and who approves each gate: roles, named users and group members, each once. */
    public Workflow.Assignments assignments(Template template, Map<String, List<String>> roles, String workspaceId) {
        Map<String, List<String>> approvers = new LinkedHashMap<>();
        for (Stage stage : template.stages()) {
            if (stage.gate() != null && stage.gate().approval() != null) {
                approvers.put(stage.key(), approvers(stage.gate().approval().approvers(), roles, workspaceId));
            }
        }
        return new Workflow.Assignments(roles, approvers);
    }

    private Map<String, List<String>> roles(Template template, Map<String, List<String>> given, Actor actor,
                                            List<Problems.FieldError> errors) {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        Map<String, List<String>> input = given == null ? Map.of() : given;
        input.forEach((role, users) -> {
            if (!template.roles().containsKey(role)) {
                errors.add(new Problems.FieldError("roles." + role, "'" + role + "' is not a role of template '"
                        + template.key() + "'; roles are " + template.roles().keySet() + "."));
                return;
            }
            List<String> people = new ArrayList<>();
            for (String user : users == null ? List.<String>of() : users) {
                if (user == null || !actors.exists(user, actor.workspaceId())) {
                    errors.add(new Problems.FieldError("roles." + role, "There is no user '" + user + "' in this workspace."));
                } else if (!people.contains(user)) {
                    people.add(user);
                }
            }
            roles.put(role, people);
        });
        for (String role : usedRoles(template)) {
            boolean reported = errors.stream().anyMatch(e -> e.path().equals("roles." + role));
            if (roles.getOrDefault(role, List.of()).isEmpty() && !reported) {
                errors.add(new Problems.FieldError("roles." + role, "Role '" + role + "' needs at least one person."));
            }
        }
        return roles;
    }

    /** Roles some task or approval of the template is assigned to. */
    public static Set<String> usedRoles(Template template) {
        Set<String> used = new LinkedHashSet<>();
        for (Stage stage : template.stages()) {
            stage.tasks().forEach(t -> {
                if (template.roles().containsKey(t.assignee())) {
                    used.add(t.assignee());
                }
            });
            if (stage.gate() != null && stage.gate().approval() != null) {
                stage.gate().approval().approvers().stream().filter(template.roles()::containsKey).forEach(used::add);
            }
        }
        return used;
    }

    private List<String> approvers(List<String> refs, Map<String, List<String>> roles, String workspaceId) {
        LinkedHashSet<String> people = new LinkedHashSet<>();
        for (String ref : refs) {
            if (ref.startsWith("user:")) {
                people.add(ref.substring("user:".length()));
            } else if (ref.startsWith("group:")) {
                people.addAll(actors.membersOf(ref.substring("group:".length()), workspaceId));
            } else {
                people.addAll(roles.getOrDefault(ref, List.of()));
            }
        }
        return new ArrayList<>(people);
    }

    /** Loads a project of the caller's workspace; another workspace's project does not exist for them. */
    @Transactional(readOnly = true)
    public Project load(String id, Actor actor) {
        // another workspace's project, or one a member takes no part in, does not exist for the caller
        return projects.findById(id).filter(p -> p.workspaceId().equals(actor.workspaceId()))
                .filter(p -> seesEverything(actor) || p.takesPart(actor.principals()))
                .orElseThrow(() -> Problems.notFound("project", "There is no project '" + id + "'."));
    }

    /** A project of the caller's workspace with its template and fields, for one command. */
    @Transactional(readOnly = true)
    public ProjectContext context(String id, Actor actor) {
        return context(load(id, actor));
    }

    @Transactional(readOnly = true)
    public ProjectContext context(Project project) {
        return new ProjectContext(project, templateOf(project), project.fields());
    }

    /** Projects by id, read in one query, each with its template version; ids that do not exist are left out. */
    @Transactional(readOnly = true)
    public Map<String, ProjectContext> contexts(java.util.Collection<String> ids) {
        Map<String, ProjectContext> out = new java.util.HashMap<>();
        if (ids.size() == 1) {
            // one project (an inbox read for a project): loaded by id, without a query Hibernate translates per list size
            projects.findById(ids.iterator().next()).ifPresent(p -> out.put(p.id(), context(p)));
        } else if (!ids.isEmpty()) {
            projects.findAllById(ids).forEach(p -> out.put(p.id(), context(p)));
        }
        return out;
    }

    /** A project by id, for listeners of engine events that have no caller. */
    @Transactional(readOnly = true)
    public ProjectContext context(String id) {
        return context(projects.findById(id).orElseThrow(() -> new IllegalStateException("No project " + id)));
    }

    /** The template version a project follows, for listeners of engine events. */
    @Transactional(readOnly = true)
    public Template template(String projectId) {
        return templateOf(projects.findById(projectId).orElseThrow(() -> new IllegalStateException("No project " + projectId)));
    }

    private Template templateOf(Project project) {
        return templates.published(project.workspaceId(), project.templateKey(), project.templateVersion()).template();
    }

    @Transactional(readOnly = true)
    public ProjectView view(String id, Actor actor) {
        return view(context(id, actor));
    }

    @Transactional(readOnly = true)
    public ProjectView view(ProjectContext context) {
        Project project = context.project();
        Map<String, List<ProjectView.TaskView>> tasks = new LinkedHashMap<>();
        Map<String, ProjectView.GateView> gates = new LinkedHashMap<>();
        for (ProjectViewParts part : parts.orderedStream().toList()) {
            tasks.putAll(part.tasks(context));
            gates.putAll(part.gates(context));
        }
        List<ProjectStage> rows = stages.findByProjectIdOrderBySeq(project.id());
        List<ProjectView.StageView> stageViews = rows.stream().map(ps -> new ProjectView.StageView(ps.stageKey(),
                ps.name(), lower(ps.status().name()), ps.startedAt(), ps.dueAt(), ps.completedAt(), ps.reworkCount(),
                ps.overdueAt(), ps.escalatedAt(), tasks.getOrDefault(ps.stageKey(), List.of()),
                gates.get(ps.stageKey()))).toList();
        Instant now = clock.instant();
        List<ProjectView.ConditionView> conditionViews = conditions.findByProjectIdOrderByCreatedAtAscIdAsc(project.id())
                .stream().map(c -> new ProjectView.ConditionView(c.id(), c.stageKey(), c.text(), c.owner(), c.dueAt(),
                        c.status(now), c.createdBy(), c.createdAt(), c.metAt(), c.metBy())).toList();
        boolean lapsed = conditionViews.stream().anyMatch(c -> c.status().equals("lapsed"));
        ProjectView.Hold hold = project.heldAt() == null ? null
                : new ProjectView.Hold(project.heldStage(), project.heldBy(), project.heldAt());
        return new ProjectView(project.id(), project.name(), project.templateKey(), project.templateVersion(),
                lower(project.status().name()), context.fields(), project.roles(),
                Health.of(project, rows, now, lapsed), project.createdAt(), project.createdBy(),
                project.completedAt(), project.cancelReason(), stageViews, hold, conditionViews, files(context));
    }

    /**
     * The files the project's attachment fields hold, by attachment id: name, type, size and download
     * address. A value naming no file of the project (a text reference from before) is left out.
     */
    @Transactional(readOnly = true)
    public Map<String, FileRef> files(ProjectContext context) {
        List<String> ids = context.template().allFields()
                .filter(f -> f.type() == io.tollgate.modeler.model.FieldType.ATTACHMENT)
                .map(f -> context.fields().get(f.key())).filter(v -> v instanceof String).map(v -> (String) v)
                .toList();
        return ids.isEmpty() ? Map.of() : attachments.files(context.id(), context.workspaceId(), ids);
    }

    /** What is wrong with the attachment values among checked field values, as field errors. */
    @Transactional(readOnly = true)
    public List<Problems.FieldError> attachmentErrors(Map<String, Object> values, Map<String, FieldDef> defs,
                                                      String projectId, Actor actor) {
        return attachments.check(values, defs, projectId, actor).stream()
                .map(v -> new Problems.FieldError("fields." + v.field(), v.message())).toList();
    }

    /** A file one of the project's attachment fields held, as a download, for whoever sees the project. */
    @Transactional(readOnly = true)
    public org.springframework.http.ResponseEntity<byte[]> attachment(String id, String attachmentId, Actor actor) {
        Project project = load(id, actor);
        return attachments.download(project.id(), project.workspaceId(), attachmentId);
    }

    /** Whether the caller sees the project: an admin or project manager sees all of the workspace, others theirs. */
    public boolean visibleTo(Project project, Actor actor) {
        return project.workspaceId().equals(actor.workspaceId())
                && (seesEverything(actor) || project.takesPart(actor.principals()));
    }

    /** Pages of the project list: deep enough for anyone, and page times size always fits an int offset. */
    private static final int MAX_PAGE = 10_000;
    private static final int MAX_PAGE_SIZE = 200;

    @Transactional(readOnly = true)
    public Page<ProjectView.Summary> list(Actor actor, String status, String template, String q, int page, int size) {
        Project.Status s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = Project.Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Problems.badRequest("invalid-parameter", "status is one of active, on_hold, completed, cancelled.");
            }
        }
        if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_PAGE_SIZE) {
            throw Problems.badRequest("invalid-parameter", "page is between 0 and " + MAX_PAGE
                    + " and size between 1 and " + MAX_PAGE_SIZE + "; narrow the list with filters to see further.");
        }
        String like = q == null || q.isBlank() ? null : "%" + q.trim().toLowerCase(Locale.ROOT) + "%";
        Instant now = clock.instant();
        Page<Project> found = projects.search(actor.workspaceId(), seesEverything(actor), actor.principals(), s,
                blankToNull(template), like, PageRequest.of(page, size,
                        Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by(Sort.Direction.DESC, "id"))));
        // the page's stages and conditions in one query each, not two per project
        List<String> ids = found.getContent().stream().map(Project::id).toList();
        Map<String, List<ProjectStage>> stagesOf = ids.isEmpty() ? Map.of() : stages.findByProjectIdInOrderBySeq(ids)
                .stream().collect(Collectors.groupingBy(ProjectStage::projectId));
        Set<String> lapsed = ids.isEmpty() ? Set.of() : conditions.findByProjectIdIn(ids).stream()
                .filter(c -> c.lapsedAt(now)).map(ProjectCondition::projectId).collect(Collectors.toSet());
        return found.map(p -> {
            List<ProjectStage> ps = stagesOf.getOrDefault(p.id(), List.of());
            String current = ps.stream().filter(x -> !x.finished() && x.status() != ProjectStage.Status.WAITING)
                    .map(ProjectStage::stageKey).collect(Collectors.joining(","));
            return new ProjectView.Summary(p.id(), p.name(), p.templateKey(), p.templateVersion(),
                    lower(p.status().name()), Health.of(p, ps, now, lapsed.contains(p.id())), p.createdAt(), current);
        });
    }

    /** Updates project-level fields; stage and task fields are written by completing tasks. */
    public ProjectView updateFields(String id, Map<String, Object> given, Actor actor) {
        ProjectContext context = context(id, actor);
        Project project = context.project();
        project.assertActive();
        if (!actor.isAdmin() && !actor.roles().contains("pm") && !project.createdBy().equals(actor.username())) {
            throw Problems.forbidden("Only an admin, a project manager or the project's creator can edit its fields; "
                    + "stage and task fields are also filled by completing their tasks.");
        }
        Map<String, FieldDef> defs = context.template().allFields()
                .collect(Collectors.toMap(FieldDef::key, f -> f, (a, b) -> a, LinkedHashMap::new));
        FieldValues.Result result = FieldValues.check(given, defs, user -> actors.exists(user, actor.workspaceId()));
        if (!result.ok()) {
            throw Problems.invalidFields("Some values break their field's rules.", result.violations().stream()
                    .map(v -> new Problems.FieldError("fields." + v.field(), v.message())).toList());
        }
        List<Problems.FieldError> badFiles = attachmentErrors(result.values(), defs, context.id(), actor);
        if (!badFiles.isEmpty()) {
            throw Problems.invalidFields("Some files cannot be used here.", badFiles);
        }
        Map<String, String> locked = lockedFields(context);
        List<Problems.FieldError> refused = result.values().keySet().stream().filter(locked::containsKey)
                .map(k -> new Problems.FieldError("fields." + k, "The gate of stage '" + locked.get(k)
                        + "' passed with this value; it can no longer change.")).toList();
        if (!refused.isEmpty()) {
            throw Problems.of(org.springframework.http.HttpStatus.CONFLICT, "field-locked", "Field locked",
                    "Some fields were checked by a gate that has passed.", Map.of("errors", refused));
        }
        writeFields(context, result.values(), actor, false);
        return view(context);
    }

    /**
     * Fields a passed gate vouched for, with the stage's name: the stage's own fields and its tasks',
     * and project fields its criteria name or its expressions read. Changing them would undo the gate.
     */
    private Map<String, String> lockedFields(ProjectContext context) {
        Map<String, String> locked = new LinkedHashMap<>();
        Set<String> projectFields = context.template().fields().stream().map(FieldDef::key).collect(Collectors.toSet());
        for (ProjectStage row : stages.findByProjectIdOrderBySeq(context.id())) {
            if (row.status() != ProjectStage.Status.DONE) {
                continue;
            }
            context.template().stage(row.stageKey()).ifPresent(stage -> {
                stage.fields().forEach(f -> locked.putIfAbsent(f.key(), row.name()));
                stage.tasks().forEach(t -> t.fields().forEach(f -> locked.putIfAbsent(f.key(), row.name())));
                if (stage.gate() == null) {
                    return;
                }
                for (Criterion c : stage.gate().criteria()) {
                    if (c instanceof Criterion.FieldFilled f) {
                        locked.putIfAbsent(f.field(), row.name());
                    } else if (c instanceof Criterion.Expression e) {
                        projectFields.stream().filter(k -> java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(k)
                                + "\\b").matcher(e.expression()).find()).forEach(k -> locked.putIfAbsent(k, row.name()));
                    } else if (!(c instanceof Criterion.AllTasksDone) && !(c instanceof Criterion.ModuleCheck)) {
                        throw new IllegalStateException("Unknown criterion " + c);
                    }
                }
            });
        }
        return locked;
    }

    /** Stores checked field values on the project and hands them to the process. */
    public void writeFields(ProjectContext context, Map<String, Object> values, Actor actor, boolean byTask) {
        if (values.isEmpty()) {
            return;
        }
        Project project = context.project();
        Map<String, Object> before = new LinkedHashMap<>();
        values.keySet().forEach(k -> before.put(k, context.fields().get(k)));
        context.fields().putAll(values);
        project.updateFields(context.fields());
        attachments.bind(project.id(), project.workspaceId(), values, context.template().allFields()
                .collect(Collectors.toMap(FieldDef::key, f -> f, (a, b) -> a)), actor.username());
        if (project.active()) {
            workflow.setFields(project.id(), project.fieldsJson());
        }
        events.publishEvent(new ProjectEvents.FieldsChanged(project.workspaceId(), project.id(), actor.username(), byTask,
                before, new LinkedHashMap<>(values), clock.instant()));
    }

    public ProjectView cancel(String id, String reason, Actor actor) {
        ProjectContext context = context(id, actor);
        Project project = context.project();
        if (reason == null || reason.isBlank()) {
            throw Problems.invalidFields("Say why the project is cancelled.",
                    List.of(new Problems.FieldError("reason", "A reason is required.")));
        }
        if (reason.length() > 1000) {
            throw Problems.invalidFields("The reason is too long.",
                    List.of(new Problems.FieldError("reason", "At most 1000 characters.")));
        }
        if (!actor.isAdmin() && !actor.roles().contains("pm") && !project.createdBy().equals(actor.username())) {
            throw Problems.forbidden("Only an admin, a project manager or the project's creator can cancel it.");
        }
        Instant now = clock.instant();
        project.cancel(reason, now);
        workflow.cancel(id, reason);
        events.publishEvent(new ProjectEvents.ProjectCancelled(project.workspaceId(), id, project.name(), reason,
                actor.username(), now));
        return view(context);
    }

    /** What a conditional go asks for: a text, the user who sees to it, and by when. */
    public record NewCondition(String text, String owner, Instant dueAt) {
    }

    /** Records the conditions of a conditional go at a stage's gate; they were checked by the caller. */
    public List<ProjectCondition> addConditions(ProjectContext context, String stageKey, List<NewCondition> given,
                                                String by) {
        Instant now = clock.instant();
        List<ProjectCondition> out = new ArrayList<>();
        for (NewCondition c : given) {
            ProjectCondition saved = conditions.save(new ProjectCondition(UUID.randomUUID().toString(), context.id(),
                    stageKey, c.text(), c.owner(), c.dueAt(), by, now));
            out.add(saved);
            watches.watch("condition", saved.id(), c.dueAt());
            events.publishEvent(new ProjectEvents.ConditionAdded(context.workspaceId(), context.id(), stageKey,
                    saved.id(), c.text(), c.owner(), c.dueAt(), by, now));
        }
        addParticipants(context.id(), given.stream().map(NewCondition::owner).toList());
        return out;
    }

    /** A condition's due date came (an engine timer): if it is still open, it has lapsed. */
    @org.springframework.context.event.EventListener
    void on(io.tollgate.engine.workflow.WorkflowEvents.WatchDue e) {
        if (!e.kind().equals("condition")) {
            return;
        }
        conditions.findById(e.subjectId()).filter(c -> c.metAt() == null).ifPresent(c -> {
            Project project = projects.findById(c.projectId()).orElseThrow();
            if (project.active() || project.status() == Project.Status.ON_HOLD) {
                events.publishEvent(new ProjectEvents.ConditionLapsed(project.workspaceId(), project.id(), c.stageKey(),
                        c.id(), c.text(), c.owner(), c.dueAt(), e.at()));
            }
        });
    }

    /** The conditions of a project's conditional gos, oldest first. */
    @Transactional(readOnly = true)
    public List<ProjectCondition> conditionsOf(String projectId) {
        return conditions.findByProjectIdOrderByCreatedAtAscIdAsc(projectId);
    }

    /** The owner of a condition, a project manager or an admin marks it met. */
    public ProjectView meetCondition(String id, String conditionId, Actor actor) {
        ProjectContext context = context(id, actor);
        ProjectCondition condition = conditions.findById(conditionId).filter(c -> c.projectId().equals(id))
                .orElseThrow(() -> Problems.notFound("condition", "There is no condition '" + conditionId
                        + "' in this project."));
        if (!actor.isAdmin() && !actor.roles().contains("pm") && !condition.owner().equals(actor.username())) {
            throw Problems.forbidden("Only the condition's owner (" + condition.owner()
                    + "), a project manager or an admin can mark it met.");
        }
        Instant now = clock.instant();
        boolean wasLapsed = condition.lapsedAt(now);
        condition.meet(actor.username(), now);
        conditions.flush();
        events.publishEvent(new ProjectEvents.ConditionMet(context.workspaceId(), id, condition.stageKey(),
                condition.id(), condition.text(), actor.username(), wasLapsed, now));
        return view(context);
    }

    /** Puts the project on hold at a stage's gate: its engine stands still, so no timer fires. */
    public void hold(ProjectContext context, String stageKey, String reason, String by) {
        Instant now = clock.instant();
        context.project().hold(stageKey, by, now);
        projects.flush();
        workflow.suspend(context.id());
        events.publishEvent(new ProjectEvents.ProjectHeld(context.workspaceId(), context.id(), stageKey, reason, by, now));
    }

    /**
     * Resumes a held project: its engine goes on, and every due date still ahead of it (the stages'
     * and the engine's timers) moves later by the time it was held, so the hold did not eat its SLA.
     */
    public java.time.Duration resume(ProjectContext context, String by) {
        Instant now = clock.instant();
        String stageKey = context.project().heldStage();
        java.time.Duration held = context.project().resume(now);
        projects.flush();
        workflow.resume(context.id(), held);
        stages.findByProjectIdOrderBySeq(context.id()).stream().filter(s -> !s.finished()).forEach(s -> s.postpone(held));
        events.publishEvent(new ProjectEvents.ProjectResumed(context.workspaceId(), context.id(), stageKey, held, by, now));
        return held;
    }

    /** An approver killed the project at a stage's gate: it is cancelled with the reason given. */
    public void kill(ProjectContext context, String stageKey, String reason, String by) {
        Project project = context.project();
        Instant now = clock.instant();
        project.cancel(reason, now);
        projects.flush();
        workflow.cancel(context.id(), reason);
        events.publishEvent(new ProjectEvents.ProjectCancelled(project.workspaceId(), project.id(), project.name(), reason,
                by, now));
        events.publishEvent(new ProjectEvents.ProjectKilled(project.workspaceId(), project.id(), stageKey, reason, by, now));
    }

    /** Active projects of one version of a template, in a workspace. */
    @Transactional(readOnly = true)
    public List<Project> activeOn(String templateKey, int version, String workspaceId) {
        return projects.search(workspaceId, true, Set.of("user:"), Project.Status.ACTIVE, templateKey, null,
                        PageRequest.of(0, 10_000, Sort.by("createdAt"))).stream()
                .filter(p -> p.templateVersion() == version).toList();
    }

    /**
     * Brings the project and its stages onto another version of its template, before the engine
     * migrates: renamed fields and stages, rows for new stages (skipped when the project is already
     * past them). Answers the stages the new version no longer has and that had not finished.
     */
    public List<String> adoptVersion(ProjectContext context, Template to, int version, Map<String, String> fieldRenames,
                                     Map<String, String> stageRenames) {
        Project project = context.project();
        Map<String, Object> renamed = new LinkedHashMap<>();
        context.fields().forEach((k, v) -> renamed.put(fieldRenames.getOrDefault(k, k), v));
        context.fields().clear();
        context.fields().putAll(renamed);
        project.updateFields(renamed);
        project.adoptVersion(version);
        Map<String, ProjectStage> rows = new LinkedHashMap<>();
        for (ProjectStage row : stages.findByProjectIdOrderBySeq(project.id())) {
            if (row.status() == ProjectStage.Status.ACTIVE || row.status() == ProjectStage.Status.APPROVAL
                    || row.status() == ProjectStage.Status.SENT_BACK) {
                row.markMigrating();
            }
            rows.put(stageRenames.getOrDefault(row.stageKey(), row.stageKey()), row);
        }
        Map<String, ProjectStage> all = Map.copyOf(rows);
        Instant now = clock.instant();
        int seq = 0;
        for (Stage stage : to.stages()) {
            ProjectStage row = rows.remove(stage.key());
            if (row == null) {
                row = new ProjectStage(UUID.randomUUID().toString(), project.id(), stage.key(), stage.label(), seq);
                boolean passed = to.stagesAfter(stage.key()).stream().map(all::get)
                        .anyMatch(r -> r != null && r.status() != ProjectStage.Status.WAITING);
                if (passed) {
                    row.skip(now);
                }
            }
            row.adopt(stage.key(), stage.label(), seq++);
            stages.save(row);
        }
        List<String> gone = new ArrayList<>();
        for (ProjectStage row : rows.values()) {
            if (!row.finished()) {
                gone.add(row.stageKey());
                row.reset();
            }
            row.adopt(row.stageKey(), row.name() + " (not in version " + version + ")", seq++);
        }
        stages.flush();
        return gone;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
