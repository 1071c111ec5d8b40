package io.tollgate.engine.attachment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** What an uploaded file is: its name, checked type, size and digest, and who uploaded it where. */
@Entity
@Table(name = "attachment")
public class Attachment {

    @Id
    private String id;
    private String workspaceId;
    private String filename;
    private String contentType;
    @Column(name = "size_bytes")
    private long size;
    private String sha256;
    private String storageKey;
    private String createdBy;
    private Instant createdAt;

    protected Attachment() {
    }

    Attachment(String id, String workspaceId, String filename, String contentType, long size, String sha256,
               String storageKey, String createdBy, Instant createdAt) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.filename = filename;
        this.contentType = contentType;
        this.size = size;
        this.sha256 = sha256;
        this.storageKey = storageKey;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String id() { return id; }
    public String workspaceId() { return workspaceId; }
    public String filename() { return filename; }
    public String contentType() { return contentType; }
    public long size() { return size; }
    public String sha256() { return sha256; }
    public String storageKey() { return storageKey; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
}
