package io.tollgate.engine.audit;

import io.tollgate.engine.audit.internal.AuditEvents;
import io.tollgate.engine.comment.CommentEvents;
import io.tollgate.engine.gate.GateEvents;
import io.tollgate.engine.migration.MigrationEvents;
import io.tollgate.engine.module.ModuleEvents;
import io.tollgate.engine.project.ProjectEvents;
import io.tollgate.engine.security.UserEvents;
import io.tollgate.engine.work.WorkEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

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
    void on(ProjectEvents.ProjectCancelled e) {
        record(e.workspaceId(), e.projectId(), e.actor(), "project.cancelled", e.name(), e.reason(), e.at());
    }

    @EventListener
    void on(WorkEvents.TaskCompleted e) {
        record(e.workspaceId(), e.projectId(), e.user(), "task.completed", e.stageKey() + "/" + e.taskKey(), e.name(), e.at());
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

    private void record(String workspaceId, String projectId, String actor, String action, String subject, String detail,
                Instant at) {
        events.save(new AuditEvent(workspaceId, projectId, actor, action, subject, detail, at));
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
