package io.tollgate.engine.audit;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

/** Writes audit lines in the caller's transaction, so an action and its audit line commit together. */
@Service
public class AuditLog {

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

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String workspaceId, String projectId, String actor, String action, String subject, String detail) {
        events.save(new AuditEvent(workspaceId, projectId, actor, action, subject, detail, Instant.now()));
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
