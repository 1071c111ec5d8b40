package io.tollgate.modeler.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** The editable draft of a template, kept exactly as the admin wrote it (YAML or JSON). */
@Entity
@Table(name = "template_draft")
class TemplateDraft {

    @Id
    private String id;
    private String workspaceId;
    @Column(name = "template_key")
    private String key;
    private String source;
    private String format;
    private Instant updatedAt;
    private String updatedBy;
    @Version
    private long rowVersion;

    protected TemplateDraft() {
    }

    TemplateDraft(String workspaceId, String key) {
        this.id = workspaceId + "/" + key;
        this.workspaceId = workspaceId;
        this.key = key;
    }

    void revise(String source, String format, String user, Instant at) {
        this.source = source;
        this.format = format;
        this.updatedBy = user;
        this.updatedAt = at;
    }

    String key() { return key; }
    String source() { return source; }
    String format() { return format; }
    Instant updatedAt() { return updatedAt; }
    String updatedBy() { return updatedBy; }
}
