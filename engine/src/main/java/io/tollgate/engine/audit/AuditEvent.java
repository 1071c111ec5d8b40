package io.tollgate.engine.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One line of the audit trail. Rows are only ever inserted. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String workspaceId;
    private String projectId;
    private String actor;
    private String action;
    private String subject;
    private String detail;
    private Instant occurredAt;

    protected AuditEvent() {
    }

    public AuditEvent(String workspaceId, String projectId, String actor, String action, String subject, String detail,
               Instant occurredAt) {
        this.workspaceId = workspaceId;
        this.projectId = projectId;
        this.actor = actor;
        this.action = action;
        this.subject = subject;
        this.detail = detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 4000);
        this.occurredAt = occurredAt;
    }

    public Long id() { return id; }
    public String workspaceId() { return workspaceId; }
    public String projectId() { return projectId; }
    public String actor() { return actor; }
    public String action() { return action; }
    public String subject() { return subject; }
    public String detail() { return detail; }
    public Instant occurredAt() { return occurredAt; }
}
