package io.tollgate.engine.attachment;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** That a file belongs to a project, since an attachment field of the project first held it. */
@Entity
@Table(name = "attachment_binding")
public class AttachmentBinding {

    @Id
    private String attachmentId;
    private String workspaceId;
    private String projectId;
    private String fieldKey;
    private String boundBy;
    private Instant boundAt;

    protected AttachmentBinding() {
    }

    AttachmentBinding(String attachmentId, String workspaceId, String projectId, String fieldKey, String boundBy,
                      Instant boundAt) {
        this.attachmentId = attachmentId;
        this.workspaceId = workspaceId;
        this.projectId = projectId;
        this.fieldKey = fieldKey;
        this.boundBy = boundBy;
        this.boundAt = boundAt;
    }

    public String attachmentId() { return attachmentId; }
    public String workspaceId() { return workspaceId; }
    public String projectId() { return projectId; }
    public String fieldKey() { return fieldKey; }
    public String boundBy() { return boundBy; }
    public Instant boundAt() { return boundAt; }
}
