package io.tollgate.engine.notification;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A chat robot or endpoint of a workspace that receives its notices. */
@Entity
@Table(name = "webhook")
public class Webhook {

    /** The services Tollgate speaks to, each in its own format. */
    public enum Kind {
        DINGTALK, FEISHU, WECOM, SLACK, GENERIC;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> of(String key) {
            return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
        }
    }

    @Id
    private String id;
    private String workspaceId;
    private String kind;
    private String name;
    private String url;
    private String secretEnc;
    private Instant createdAt;
    private String createdBy;
    @Version
    private long rowVersion;

    protected Webhook() {
    }

    public Webhook(String id, String workspaceId, Kind kind, String name, String url, String secretEnc,
                   Instant createdAt, String createdBy) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.kind = kind.key();
        this.name = name;
        this.url = url;
        this.secretEnc = secretEnc;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public String id() { return id; }
    public String workspaceId() { return workspaceId; }
    public Kind kind() { return Kind.of(kind).orElseThrow(); }
    public String name() { return name; }
    public String url() { return url; }
    public String secretEnc() { return secretEnc; }
    public Instant createdAt() { return createdAt; }
    public String createdBy() { return createdBy; }
}
