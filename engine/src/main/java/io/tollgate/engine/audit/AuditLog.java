package io.tollgate.engine.audit;

import io.tollgate.engine.audit.internal.AuditEvents;
import io.tollgate.engine.calendar.CalendarEvents;
import io.tollgate.engine.comment.CommentEvents;
import io.tollgate.engine.gate.GateEvents;
import io.tollgate.engine.migration.MigrationEvents;
import io.tollgate.engine.module.ModuleEvents;
import io.tollgate.engine.modules.ModuleActivity;
import io.tollgate.engine.notification.NotificationEvents;
import io.tollgate.engine.project.ProjectEvents;
import io.tollgate.engine.security.UserEvents;
import io.tollgate.engine.template.TemplateEvents;
import io.tollgate.engine.work.WorkEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The audit trail, written from the domain events of the other features. It listens inside the
 * transaction that published them: an audit line commits exactly when its change commits, and
 * never describes a change that rolled back.
 */
@Service
public class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditEvents events;

    AuditLog(AuditEvents events) {
        this.events = events;
    }

    /** One view of an audit line, as the API shows it. */
    public record Entry(long id, String projectId, String actor, String action, String subject, String detail,
                        Instant at) {
        static Entry of(AuditEvent e) {
            return new Entry(e.id(), e.projectId(), e.actor(), e.action(), e.subject(), e.detail(), e.occurredAt());
        }
    }

    @EventListener
    void on(ProjectEvents.ProjectCreated e) {
        record(e.workspaceId(), e.projectId(), e.createdBy(), "project.created", e.name(),
                "template " + e.templateKey() + " v" + e.templateVersion(), e.at());
    }

    @EventListener
    void on(ProjectEvents.FieldsChanged e) {
        record(e.workspaceId(), e.projectId(), e.actor(), e.byTask() ? "task.fields-written" : "project.fields-updated",
                null, "before " + json(e.before()) + " after " + json(e.after()), e.at());
    }

    @EventListener
    void on(io.tollgate.engine.retrospective.RetrospectiveEvents.RetrospectiveRecorded e) {
        record(e.workspaceId(), e.projectId(), e.by(), e.revised() ? "retrospective.revised" : "retrospective.recorded",
                null, e.stageNotes() + " stage note(s)", e.at());
    }

    @EventListener
    void on(ProjectEvents.ProjectCancelled e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "project.cancelled", e.name(), e.reason(), e.at());
    }

    @EventListener
    void on(WorkEvents.TaskCompleted e) {
        record(e.workspaceId(), e.projectId(), e.user(), "task.completed", e.stageKey() + "/" + e.taskKey(), e.name(), e.at());
    }

    @EventListener
    void on(WorkEvents.TasksImported e) {
        record(e.workspaceId(), e.projectId(), e.user(), "tasks.imported", "import " + e.importId(),
                e.tasks().size() + " task(s) into stage(s) " + String.join(", ", e.tasks().stream()
                        .map(WorkEvents.ImportedTask::stageKey).distinct().toList()), e.at());
        for (WorkEvents.ImportedTask t : e.tasks()) {
            record(e.workspaceId(), e.projectId(), e.user(), "task.imported", t.stageKey() + "/" + t.itemKey(),
                    cut(t.name() + " for " + t.assignee() + ", " + t.status() + (t.dueAt() == null ? "" : ", due " + t.dueAt())),
                    e.at());
        }
    }

    @EventListener
    void on(io.tollgate.engine.template.TaskListImports.DraftImported e) {
        record(e.workspaceId(), null, e.user(), "template.imported", e.key(), e.stages() + " stage(s), " + e.tasks()
                + " task(s) from a task list (import " + e.importId() + ")", e.at());
    }

    private static String cut(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 3999) + "…";
    }

    @EventListener
    void on(WorkEvents.WorkWithdrawn e) {
        record(e.workspaceId(), e.projectId(), e.user(), e.approval() ? "decision.withdrawn" : "task.withdrawn",
                e.stageKey() + "/" + e.itemKey(), e.name(), e.at());
    }

    @EventListener
    void on(WorkEvents.WorkSubstituted e) {
        record(e.workspaceId(), e.projectId(), e.substitute(), "task.for-absent", e.stageKey() + "/" + e.itemKey(),
                e.substitute() + " for " + e.forUser(), e.at());
    }

    @EventListener
    void on(WorkEvents.AbsenceSet e) {
        record(e.workspaceId(), null, e.user(), "absence.set", e.user(), e.from() + " - " + e.to() + ", substitute "
                + e.substitute(), e.at());
    }

    @EventListener
    void on(WorkEvents.AbsenceEnded e) {
        record(e.workspaceId(), null, e.by(), "absence.ended", e.user(), null, e.at());
    }

    @EventListener
    void on(WorkEvents.WorkDelegated e) {
        record(e.workspaceId(), e.projectId(), e.from(), "task.delegated", e.stageKey() + "/" + e.itemKey(),
                e.from() + " -> " + e.to(), e.at());
    }

    @EventListener
    void on(GateEvents.GateDecided e) {
        record(e.workspaceId(), e.projectId(), e.user(), "gate." + e.decision(), e.stageKey(), e.comment(), e.at());
    }

    @EventListener
    void on(GateEvents.WaiverRequested e) {
        record(e.workspaceId(), e.projectId(), e.by(), "gate.waiver-requested", e.stageKey(),
                e.criterion() + " until " + e.expiresAt() + ": " + e.reason(), e.at());
    }

    @EventListener
    void on(GateEvents.WaiverGranted e) {
        record(e.workspaceId(), e.projectId(), e.by(), "gate.waiver-granted", e.stageKey(),
                e.criterion() + " until " + e.expiresAt() + (e.comment() == null ? "" : ": " + e.comment()), e.at());
    }

    @EventListener
    void on(GateEvents.WaiverRefused e) {
        record(e.workspaceId(), e.projectId(), e.by(), "gate.waiver-refused", e.stageKey(),
                e.criterion() + (e.comment() == null ? "" : ": " + e.comment()), e.at());
    }

    @EventListener
    void on(ProjectEvents.ProjectHeld e) {
        record(e.workspaceId(), e.projectId(), e.by(), "project.held", e.stageKey(), e.reason(), e.at());
    }

    @EventListener
    void on(ProjectEvents.ProjectResumed e) {
        record(e.workspaceId(), e.projectId(), e.by(), "project.resumed", e.stageKey(),
                "held for " + e.held() + "; due dates moved by as much", e.at());
    }

    @EventListener
    void on(ProjectEvents.ProjectKilled e) {
        record(e.workspaceId(), e.projectId(), e.by(), "project.killed", e.stageKey(), e.reason(), e.at());
    }

    @EventListener
    void on(ProjectEvents.ConditionAdded e) {
        record(e.workspaceId(), e.projectId(), e.by(), "condition.added", e.stageKey(),
                e.text() + " (for " + e.owner() + ", due " + e.dueAt() + ")", e.at());
    }

    @EventListener
    void on(ProjectEvents.ConditionMet e) {
        record(e.workspaceId(), e.projectId(), e.by(), "condition.met", e.stageKey(),
                e.text() + (e.late() ? " (after its due date)" : ""), e.at());
    }

    @EventListener
    void on(GateEvents.WaiverLapsed e) {
        record(e.workspaceId(), e.projectId(), "system", "gate.waiver-lapsed", e.stageKey(),
                e.criterion() + " expired at " + e.expiresAt(), e.at());
    }

    @EventListener
    void on(ProjectEvents.ConditionLapsed e) {
        record(e.workspaceId(), e.projectId(), "system", "condition.lapsed", e.stageKey(),
                e.text() + " (for " + e.owner() + ", due " + e.dueAt() + ")", e.at());
    }

    @EventListener
    void on(GateEvents.TimeoutFired e) {
        record(e.workspaceId(), e.projectId(), "system", "gate.timeout-" + e.action(), e.stageKey(), e.message(), e.at());
    }

    @EventListener
    void on(GateEvents.SignerAdded e) {
        record(e.workspaceId(), e.projectId(), e.by(), "gate.signer-added", e.stageKey(), e.signer(), e.at());
    }

    @EventListener
    void on(GateEvents.SignerRemoved e) {
        record(e.workspaceId(), e.projectId(), e.by(), "gate.signer-removed", e.stageKey(), e.signer(), e.at());
    }

    @EventListener
    void on(CommentEvents.CommentPosted e) {
        record(e.workspaceId(), e.projectId(), e.author(), "comment.posted", e.taskId() == null ? "project" : e.taskId(),
                (e.mentions().isEmpty() ? "" : "mentions " + String.join(", ", e.mentions()) + ": ") + e.excerpt(), e.at());
    }

    @EventListener
    void on(MigrationEvents.ProjectMigrated e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "project.migrated", e.templateKey(),
                "version " + e.fromVersion() + " -> " + e.toVersion() + "; fields renamed " + e.fieldRenames()
                        + "; stages renamed " + e.stageRenames(), e.at());
    }

    @EventListener
    void on(ModuleEvents.ModuleSwitched e) {
        record(e.workspaceId(), null, e.actor(), e.enabled() ? "module.enabled" : "module.disabled", e.module(), null,
                e.at());
    }

    @EventListener
    void on(UserEvents.UserCreated e) {
        record(e.workspaceId(), null, e.actor(), "user.created", e.username(),
                "roles " + e.roles() + "; groups " + e.groups(), e.at());
    }

    @EventListener
    void on(UserEvents.UserChanged e) {
        StringBuilder detail = new StringBuilder();
        for (UserEvents.Change c : e.changes()) {
            detail.append(detail.isEmpty() ? "" : "; ").append(c.field()).append(' ')
                    .append(c.before() == null ? "(none)" : c.before()).append(" -> ")
                    .append(c.after() == null ? "(none)" : c.after());
        }
        record(e.workspaceId(), null, e.actor(), "user.changed", e.username(), detail.toString(), e.at());
    }

    @EventListener
    void on(UserEvents.PasswordReset e) {
        record(e.workspaceId(), null, e.actor(), "user.password-reset", e.username(), null, e.at());
    }

    @EventListener
    void on(UserEvents.MemberAdded e) {
        record(e.workspaceId(), null, e.actor(), "member.added", e.username(),
                "roles " + e.roles() + "; groups " + e.groups(), e.at());
    }

    @EventListener
    void on(UserEvents.MemberRemoved e) {
        record(e.workspaceId(), null, e.actor(), "member.removed", e.username(), null, e.at());
    }

    @EventListener
    void on(UserEvents.PasswordChanged e) {
        record(e.workspaceId(), null, e.username(), "user.password-changed", e.username(), null, e.at());
    }

    @EventListener
    void on(CalendarEvents.CalendarChanged e) {
        record(e.workspaceId(), null, e.actor(), "calendar.changed", e.mode(),
                e.holidays() + " holidays; " + e.workingWeekends() + " make-up working days", e.at());
    }

    @EventListener
    void on(NotificationEvents.SettingsChanged e) {
        record(e.workspaceId(), null, e.actor(), e.workspace() ? "notifications.defaults-changed"
                : "notifications.settings-changed", e.workspace() ? e.workspaceId() : e.actor(), null, e.at());
    }

    @EventListener
    void on(NotificationEvents.WebhookAdded e) {
        record(e.workspaceId(), null, e.actor(), "webhook.added", e.webhookId(), e.kind() + " " + e.name(), e.at());
    }

    @EventListener
    void on(NotificationEvents.WebhookRemoved e) {
        record(e.workspaceId(), null, e.actor(), "webhook.removed", e.webhookId(), null, e.at());
    }

    @EventListener
    void on(NotificationEvents.DeliveryRetried e) {
        record(e.workspaceId(), null, e.actor(), "delivery.retried", e.deliveryId(), null, e.at());
    }

    @EventListener
    void on(ModuleActivity.TimesheetEntrySaved e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "timesheet.entry-saved",
                e.stageKey() + (e.taskKey() == null ? "" : "/" + e.taskKey()), e.date() + " · " + hours(e.hours()) + " h", e.at());
    }

    @EventListener
    void on(ModuleActivity.TimesheetEntryRemoved e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "timesheet.entry-removed", e.stageKey(),
                e.date() + " · " + hours(e.hours()) + " h", e.at());
    }

    @EventListener
    void on(ModuleActivity.TimesheetWeekSubmitted e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "timesheet.submitted", e.weekStart().toString(),
                hours(e.total()) + " h", e.at());
    }

    @EventListener
    void on(ModuleActivity.TimesheetWeekDecided e) {
        record(e.workspaceId(), e.projectId(), e.actor(), e.approved() ? "timesheet.approved" : "timesheet.returned",
                e.user() + " · " + e.weekStart(), e.comment(), e.at());
    }

    @EventListener
    void on(ModuleActivity.BudgetPlanSet e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "budget.plan-set", null, amounts(e.stages()), e.at());
    }

    @EventListener
    void on(ModuleActivity.BudgetRatesSet e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "budget.rates-set", null,
                "defaultRate " + (e.defaultRate() == null ? "-" : hours(e.defaultRate()))
                        + (e.people().isEmpty() ? "" : "; " + amounts(e.people())), e.at());
    }

    @EventListener
    void on(ModuleActivity.BudgetCostEntered e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "budget.cost-entered", e.stageKey(),
                hours(e.amount()) + " · " + e.spentOn() + " · " + e.description(), e.at());
    }

    @EventListener
    void on(ModuleActivity.BudgetCostRemoved e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "budget.cost-removed", e.stageKey(),
                hours(e.amount()) + " · " + e.description(), e.at());
    }

    @EventListener
    void on(ModuleActivity.ReleaseCreated e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "release.created", e.version(),
                e.plannedOn() == null ? null : e.plannedOn().toString(), e.at());
    }

    @EventListener
    void on(ModuleActivity.ReleaseChanged e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "release.changed", e.version(), String.join("; ", e.changed()),
                e.at());
    }

    @EventListener
    void on(ModuleActivity.ReleaseReadyMarked e) {
        record(e.workspaceId(), e.projectId(), e.actor(), e.ready() ? "release.ready" : "release.unready", e.version(),
                null, e.at());
    }

    @EventListener
    void on(ModuleActivity.RiskRaised e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "risk.raised", e.title(),
                e.probability() + " × " + e.impact() + " = " + e.probability() * e.impact(), e.at());
    }

    @EventListener
    void on(ModuleActivity.RiskUpdated e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "risk.updated", e.title(),
                e.probability() + " × " + e.impact() + " = " + e.probability() * e.impact() + " · " + e.status(), e.at());
    }

    @EventListener
    void on(ModuleActivity.CheckedIn e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "checkin.checked-in", e.day().toString(),
                e.withFile() ? "attachment" : null, e.at());
    }

    @EventListener
    void on(TemplateEvents.TemplateInstalled e) {
        record(e.workspaceId(), null, e.actor(), e.update() ? "template.updated" : "template.installed", e.key(),
                "version " + e.version() + (e.modulesSwitchedOn().isEmpty() ? ""
                        : "; modules switched on " + String.join(", ", e.modulesSwitchedOn())), e.at());
    }

    private void record(String workspaceId, String projectId, String actor, String action, String subject, String detail,
                Instant at) {
        events.save(new AuditEvent(workspaceId, projectId, actor, action, subject, detail, at));
    }

    private static String hours(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String amounts(List<ModuleActivity.Amount> amounts) {
        return amounts.stream().map(a -> a.key() + " " + hours(a.amount())).collect(Collectors.joining(", "));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional(readOnly = true)
    public List<Entry> ofProject(String projectId) {
        return events.findByProjectIdOrderByIdAsc(projectId).stream().map(Entry::of).toList();
    }

    @Transactional(readOnly = true)
    public List<Entry> ofWorkspace(String workspaceId, int limit) {
        return events.findByWorkspaceIdOrderByIdDesc(workspaceId, PageRequest.of(0, Math.max(1, Math.min(limit, 1000))))
                .stream().map(Entry::of).toList();
    }
}
