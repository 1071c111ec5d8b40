package io.tollgate.engine.project;

import io.tollgate.engine.audit.AuditLog;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.workflow.Workflow;
import io.tollgate.modeler.compiler.BpmnIds;
import io.tollgate.modeler.model.ApprovalMode;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.store.PublishedTemplate;
import io.tollgate.modeler.store.TemplateNotFoundException;
import io.tollgate.modeler.store.TemplateStore;
import io.tollgate.modeler.validation.FieldValues;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
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
    private final WorkItems items;
    private final Decisions decisions;
    private final TemplateStore templates;
    private final Workflow workflow;
    private final Actors actors;
    private final AuditLog audit;
    private final GateEvaluator gates;

    ProjectService(Projects projects, ProjectStages stages, WorkItems items, Decisions decisions, TemplateStore templates,
                   Workflow workflow, Actors actors, AuditLog audit, GateEvaluator gates) {
        this.projects = projects;
        this.stages = stages;
        this.items = items;
        this.decisions = decisions;
        this.templates = templates;
        this.workflow = workflow;
        this.actors = actors;
        this.audit = audit;
        this.gates = gates;
    }

    /** What it takes to start a project. */
    public record CreateProject(String template, Integer version, String name, Map<String, Object> fields,
                                Map<String, List<String>> roles) {
    }

    public ProjectView create(CreateProject command, Actor actor) {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (command.template() == null || command.template().isBlank()) {
            throw Problems.invalidFields("Say which template the project follows.",
                    List.of(new Problems.FieldError("template", "A template key is required.")));
        }
        PublishedTemplate published;
        try {
            published = templates.published(command.template(), command.version());
        } catch (TemplateNotFoundException e) {
            throw Problems.invalidFields("There is no such published template.",
                    List.of(new Problems.FieldError("template", e.getBody().getDetail())));
        }
        Template template = published.template();
        if (command.name() == null || command.name().isBlank()) {
            errors.add(new Problems.FieldError("name", "A project needs a name."));
        } else if (command.name().length() > 300) {
            errors.add(new Problems.FieldError("name", "A project name has at most 300 characters."));
        }
        Map<String, FieldDef> projectFields = template.fields().stream()
                .collect(Collectors.toMap(FieldDef::key, f -> f, (a, b) -> a, LinkedHashMap::new));
        FieldValues.Result values = FieldValues.check(command.fields(), projectFields,
                user -> actors.exists(user, actor.workspaceId()));
        values.violations().forEach(v -> errors.add(new Problems.FieldError("fields." + v.field(), v.message())));
        FieldValues.missingRequired(values.values(), projectFields.values()).stream()
                .filter(v -> command.fields() == null || !command.fields().containsKey(v.field()))
                .forEach(v -> errors.add(new Problems.FieldError("fields." + v.field(), v.message())));
        Map<String, List<String>> roles = roles(template, command.roles(), actor, errors);
        Map<String, List<String>> approvers = new LinkedHashMap<>();
        for (Stage stage : template.stages()) {
            if (stage.gate() != null && stage.gate().approval() != null) {
                List<String> people = approvers(stage.gate().approval().approvers(), roles, actor.workspaceId());
                approvers.put(stage.key(), people);
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
        Instant now = Instant.now();
        Map<String, Object> stored = new LinkedHashMap<>(values.values());
        projects.save(new Project(id, actor.workspaceId(), command.name().trim(), published.key(), published.version(),
                FieldJson.write(stored), FieldJson.write(roles), now, actor.username()));
        int seq = 0;
        for (Stage stage : template.stages()) {
            stages.save(new ProjectStage(UUID.randomUUID().toString(), id, stage.key(), stage.label(), seq++));
            for (TaskDef task : stage.tasks()) {
                items.save(new WorkItem(UUID.randomUUID().toString(), id, stage.key(), WorkItem.Kind.TASK, task.key(),
                        task.label(), candidates(task.assignee(), roles), now));
            }
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(BpmnIds.PROJECT_VARIABLE, id);
        variables.put(BpmnIds.FIELDS_VARIABLE, FieldJson.write(stored));
        variables.putAll(assignmentVariables(template, roles, actor.workspaceId()));
        audit.record(actor.workspaceId(), id, actor.username(), "project.created", command.name(),
                "template " + published.key() + " v" + published.version());
        items.flush();
        workflow.start(id, published.processDefinitionId(), command.name(), variables);
        return view(id, actor);
    }

    /** Process variables for people: users of each role, approvers of each gate, fresh vote counters. */
    public Map<String, Object> assignmentVariables(Template template, Map<String, List<String>> roles, String workspaceId) {
        Map<String, Object> variables = new LinkedHashMap<>();
        template.roles().keySet().forEach(r -> variables.put(BpmnIds.roleVariable(r), new ArrayList<>(roles.getOrDefault(r, List.of()))));
        for (Stage stage : template.stages()) {
            if (stage.gate() != null && stage.gate().approval() != null) {
                variables.put(BpmnIds.approversVariable(stage.key()),
                        new ArrayList<>(approvers(stage.gate().approval().approvers(), roles, workspaceId)));
                variables.put(BpmnIds.approvalsVariable(stage.key()), 0);
                variables.put(BpmnIds.rejectionsVariable(stage.key()), 0);
                variables.put(BpmnIds.keptVariable(stage.key()), 0);
            }
        }
        return variables;
    }

    /**
     * Brings the read model of a project onto another version of its template, before the engine
     * migrates: renamed fields and stages, rows for new stages and tasks, none for tasks that went.
     * Stages added before where the project already is are marked skipped.
     */
    public void adoptVersion(Project project, Template to, int version, Map<String, String> fieldRenames,
                             Map<String, String> stageRenames) {
        Map<String, Object> fields = FieldJson.fields(project.fieldsJson());
        Map<String, Object> renamed = new LinkedHashMap<>();
        fields.forEach((k, v) -> renamed.put(fieldRenames.getOrDefault(k, k), v));
        project.updateFields(FieldJson.write(renamed));
        project.adoptVersion(version);
        projects.save(project);
        Map<String, List<String>> roles = FieldJson.roles(project.rolesJson());
        Map<String, ProjectStage> rows = new LinkedHashMap<>();
        for (ProjectStage row : stages.findByProjectIdOrderBySeq(project.id())) {
            String key = stageRenames.getOrDefault(row.stageKey(), row.stageKey());
            if (!key.equals(row.stageKey())) {
                String old = row.stageKey();
                items.findByProjectIdAndStageKey(project.id(), old).forEach(w -> w.moveToStage(key));
            }
            if (row.status() == ProjectStage.Status.ACTIVE || row.status() == ProjectStage.Status.APPROVAL
                    || row.status() == ProjectStage.Status.SENT_BACK) {
                row.markMigrating();
            }
            rows.put(key, row);
        }
        Instant now = Instant.now();
        int seq = 0;
        for (Stage stage : to.stages()) {
            ProjectStage row = rows.remove(stage.key());
            if (row == null) {
                row = new ProjectStage(UUID.randomUUID().toString(), project.id(), stage.key(), stage.label(), seq);
                boolean passed = to.stagesAfter(stage.key()).stream()
                        .map(k -> rows.containsKey(k) ? rows.get(k) : stages.findByProjectIdAndStageKey(project.id(), k).orElse(null))
                        .anyMatch(r -> r != null && r.status() != ProjectStage.Status.WAITING);
                if (passed) {
                    row.skip(now);
                }
            }
            row.adopt(stage.key(), stage.label(), seq++);
            stages.save(row);
            for (TaskDef task : stage.tasks()) {
                if (items.findByProjectIdAndStageKeyAndKindAndItemKey(project.id(), stage.key(), WorkItem.Kind.TASK,
                        task.key()).isEmpty()) {
                    items.save(new WorkItem(UUID.randomUUID().toString(), project.id(), stage.key(), WorkItem.Kind.TASK,
                            task.key(), task.label(), candidates(task.assignee(), roles), now));
                }
            }
            Set<String> keys = stage.tasks().stream().map(TaskDef::key).collect(Collectors.toSet());
            items.findByProjectIdAndStageKey(project.id(), stage.key()).stream()
                    .filter(w -> w.kind() == WorkItem.Kind.TASK && !keys.contains(w.itemKey()) && w.status() != WorkItem.Status.DONE)
                    .forEach(items::delete);
        }
        for (ProjectStage gone : rows.values()) {
            if (!gone.finished()) {
                items.findByProjectIdAndStageKey(project.id(), gone.stageKey()).stream()
                        .filter(w -> w.status() != WorkItem.Status.DONE && decisions.findByProjectIdAndStageKeyOrderByDecidedAt(
                                project.id(), gone.stageKey()).stream().noneMatch(d -> d.workItemId().equals(w.id())))
                        .forEach(items::delete);
                gone.reset();
            }
            gone.adopt(gone.stageKey(), gone.name() + " (not in version " + version + ")", seq++);
        }
        items.flush();
    }

    /** Active projects of one version of a template, in a workspace. */
    @Transactional(readOnly = true)
    public List<Project> activeOn(String templateKey, int version, String workspaceId) {
        return projects.search(workspaceId, Project.Status.ACTIVE, templateKey, null,
                        PageRequest.of(0, 10_000, Sort.by("createdAt"))).stream()
                .filter(p -> p.templateVersion() == version).toList();
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

    private static Set<String> usedRoles(Template template) {
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

    private static Set<String> candidates(String assignee, Map<String, List<String>> roles) {
        if (assignee.startsWith("user:") || assignee.startsWith("group:")) {
            return Set.of(assignee);
        }
        return roles.getOrDefault(assignee, List.of()).stream().map(u -> "user:" + u)
                .collect(Collectors.toCollection(LinkedHashSet::new));
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
        return projects.findById(id).filter(p -> p.workspaceId().equals(actor.workspaceId()))
                .orElseThrow(() -> Problems.notFound("project", "There is no project '" + id + "'."));
    }

    @Transactional(readOnly = true)
    public Template templateOf(Project project) {
        return templates.published(project.templateKey(), project.templateVersion()).template();
    }

    @Transactional(readOnly = true)
    public Map<String, Object> fieldsOf(Project project) {
        return FieldJson.fields(project.fieldsJson());
    }

    @Transactional(readOnly = true)
    public ProjectView view(String id, Actor actor) {
        Project project = load(id, actor);
        Template template = templateOf(project);
        Map<String, Object> fields = FieldJson.fields(project.fieldsJson());
        List<WorkItem> all = items.findByProjectIdOrderByCreatedAt(id);
        List<ProjectView.StageView> stageViews = new ArrayList<>();
        for (ProjectStage ps : stages.findByProjectIdOrderBySeq(id)) {
            Stage stage = template.stage(ps.stageKey()).orElse(null);
            List<WorkItem> stageItems = all.stream().filter(w -> w.stageKey().equals(ps.stageKey())).toList();
            List<String> order = stage == null ? List.of() : stage.tasks().stream().map(TaskDef::key).toList();
            List<ProjectView.TaskView> tasks = stageItems.stream().filter(w -> w.kind() == WorkItem.Kind.TASK)
                    .sorted(java.util.Comparator.comparingInt(w -> order.indexOf(w.itemKey())))
                    .map(ProjectService::taskView).toList();
            ProjectView.GateView gate = null;
            if (stage != null && (stage.gate() != null || stage.fields().stream().anyMatch(FieldDef::required))) {
                ProjectView.ApprovalView approval = null;
                if (stage.gate() != null && stage.gate().approval() != null) {
                    List<ProjectView.DecisionView> ds = decisions.findByProjectIdAndStageKeyOrderByDecidedAt(id, ps.stageKey())
                            .stream().map(d -> new ProjectView.DecisionView(d.username(), lower(d.decision().name()),
                                    d.comment(), d.decidedAt(), d.round())).toList();
                    List<String> pending = stageItems.stream().filter(w -> w.kind() == WorkItem.Kind.APPROVAL
                            && w.status() == WorkItem.Status.OPEN).map(WorkItem::assignee).toList();
                    approval = new ProjectView.ApprovalView(stage.gate().approval().mode().spelling(),
                            stage.gate().approval().approvers(), ds, pending);
                }
                gate = new ProjectView.GateView(gates.evaluate(template, stage, fields, stageItems), approval);
            }
            stageViews.add(new ProjectView.StageView(ps.stageKey(), ps.name(), lower(ps.status().name()), ps.startedAt(),
                    ps.dueAt(), ps.completedAt(), ps.reworkCount(), ps.overdueAt(), ps.escalatedAt(), tasks, gate));
        }
        return new ProjectView(project.id(), project.name(), project.templateKey(), project.templateVersion(),
                lower(project.status().name()), fields, FieldJson.roles(project.rolesJson()),
                Health.of(project, stagesOf(id), Instant.now()), project.createdAt(), project.createdBy(),
                project.completedAt(), project.cancelReason(), stageViews);
    }

    static ProjectView.TaskView taskView(WorkItem w) {
        List<String> candidates = w.candidates().stream().sorted().toList();
        return new ProjectView.TaskView(w.id(), w.itemKey(), w.name(), w.assignee() != null ? w.assignee()
                : candidates.size() == 1 ? candidates.get(0).substring(candidates.get(0).indexOf(':') + 1) : null,
                candidates, lower(w.status().name()), w.dueAt(), w.completedAt(), w.completedBy());
    }

    @Transactional(readOnly = true)
    public List<ProjectStage> stagesOf(String projectId) {
        return stages.findByProjectIdOrderBySeq(projectId);
    }

    @Transactional(readOnly = true)
    public Page<ProjectView.Summary> list(Actor actor, String status, String template, String q, int page, int size) {
        Project.Status s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = Project.Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Problems.badRequest("invalid-parameter", "status is one of active, completed, cancelled.");
            }
        }
        if (page < 0 || size < 1 || size > 200) {
            throw Problems.badRequest("invalid-parameter", "page starts at 0 and size is between 1 and 200.");
        }
        String like = q == null || q.isBlank() ? null : "%" + q.trim().toLowerCase(Locale.ROOT) + "%";
        Instant now = Instant.now();
        return projects.search(actor.workspaceId(), s, blankToNull(template), like,
                PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt"))).map(p -> {
            List<ProjectStage> ps = stages.findByProjectIdOrderBySeq(p.id());
            String current = ps.stream().filter(x -> !x.finished() && x.status() != ProjectStage.Status.WAITING)
                    .map(ProjectStage::stageKey).collect(Collectors.joining(","));
            return new ProjectView.Summary(p.id(), p.name(), p.templateKey(), p.templateVersion(),
                    lower(p.status().name()), Health.of(p, ps, now), p.createdAt(), current);
        });
    }

    /** Updates project-level fields; stage and task fields are written by completing tasks. */
    public ProjectView updateFields(String id, Map<String, Object> given, Actor actor) {
        Project project = load(id, actor);
        if (!project.active()) {
            throw Problems.conflict("project-not-active", "The project is " + lower(project.status().name()) + ".");
        }
        Template template = templateOf(project);
        Map<String, FieldDef> defs = template.allFields()
                .collect(Collectors.toMap(FieldDef::key, f -> f, (a, b) -> a, LinkedHashMap::new));
        FieldValues.Result result = FieldValues.check(given, defs, user -> actors.exists(user, actor.workspaceId()));
        if (!result.ok()) {
            throw Problems.invalidFields("Some values break their field's rules.", result.violations().stream()
                    .map(v -> new Problems.FieldError("fields." + v.field(), v.message())).toList());
        }
        writeFields(project, result.values(), actor, "project.fields-updated");
        return view(id, actor);
    }

    /** Stores field values on the project and hands them to the process; audited with before and after. */
    public void writeFields(Project project, Map<String, Object> values, Actor actor, String action) {
        if (values.isEmpty()) {
            return;
        }
        Map<String, Object> fields = FieldJson.fields(project.fieldsJson());
        Map<String, Object> before = new LinkedHashMap<>();
        values.keySet().forEach(k -> before.put(k, fields.get(k)));
        fields.putAll(values);
        project.updateFields(FieldJson.write(fields));
        projects.save(project);
        if (project.active()) {
            workflow.setVariables(project.id(), Map.of(BpmnIds.FIELDS_VARIABLE, project.fieldsJson()));
        }
        audit.record(project.workspaceId(), project.id(), actor.username(), action, null,
                "before " + FieldJson.write(before) + " after " + FieldJson.write(values));
    }

    public ProjectView cancel(String id, String reason, Actor actor) {
        Project project = load(id, actor);
        if (reason == null || reason.isBlank()) {
            throw Problems.invalidFields("Say why the project is cancelled.",
                    List.of(new Problems.FieldError("reason", "A reason is required.")));
        }
        if (!actor.isAdmin() && !actor.roles().contains("pm") && !project.createdBy().equals(actor.username())) {
            throw Problems.forbidden("Only an admin, a project manager or the project's creator can cancel it.");
        }
        if (!project.active()) {
            throw Problems.conflict("project-not-active", "The project is already " + lower(project.status().name()) + ".");
        }
        project.cancel(reason, Instant.now());
        projects.save(project);
        workflow.cancel(id, reason);
        items.findByProjectIdOrderByCreatedAt(id).stream().filter(w -> w.status() == WorkItem.Status.OPEN)
                .forEach(WorkItem::withdraw);
        audit.record(project.workspaceId(), id, actor.username(), "project.cancelled", project.name(), reason);
        return view(id, actor);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
