package io.tollgate.engine.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Something that happened and concerns people: recorded once per event, whatever channels carry it. */
@Entity
@Table(name = "notice")
public class Notice implements org.springframework.data.domain.Persistable<String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Id
    private String id;
    private String workspaceId;
    private String eventKey;
    private String kind;
    private String projectId;
    private String stageKey;
    private String paramsJson;
    private String recipients;
    private Instant createdAt;

    /** A notice is written once and never changed: saving a new one is an insert, with no look-up first. */
    @jakarta.persistence.Transient
    private boolean fresh = true;

    protected Notice() {
    }

    @jakarta.persistence.PostLoad
    @jakarta.persistence.PostPersist
    void stored() {
        fresh = false;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    public Notice(String id, String workspaceId, String eventKey, NoticeKind kind, String projectId, String stageKey,
                  Map<String, String> params, List<String> recipients, Instant createdAt) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.eventKey = eventKey;
        this.kind = kind.key();
        this.projectId = projectId;
        this.stageKey = stageKey;
        try {
            this.paramsJson = JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        this.recipients = String.join(",", recipients);
        this.createdAt = createdAt;
    }

    public String id() { return id; }
    public String workspaceId() { return workspaceId; }
    public String eventKey() { return eventKey; }
    public NoticeKind kind() { return NoticeKind.of(kind).orElseThrow(); }
    public String projectId() { return projectId; }
    public String stageKey() { return stageKey; }
    public Instant createdAt() { return createdAt; }

    public List<String> recipients() {
        return recipients.isBlank() ? List.of() : Arrays.asList(recipients.split(","));
    }

    public Map<String, String> params() {
        try {
            return JSON.readValue(paramsJson, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
