package io.tollgate.modeler.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One published version of a template: its source, its compiled BPMN and where it was deployed. Never changes. */
@Entity
@Table(name = "template_version")
class TemplateVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String workspaceId;
    @Column(name = "template_key")
    private String key;
    private int version;
    private String name;
    private String industry;
    private String source;
    private String format;
    private String bpmnXml;
    private Instant publishedAt;
    private String publishedBy;
    private String processDefinitionId;

    protected TemplateVersion() {
    }

    TemplateVersion(String workspaceId, String key, int version, String name, String industry, String source, String format,
                    String bpmnXml, Instant publishedAt, String publishedBy, String processDefinitionId) {
        this.key = key;
        this.version = version;
        this.name = name;
        this.industry = industry;
        this.source = source;
        this.format = format;
        this.bpmnXml = bpmnXml;
        this.publishedAt = publishedAt;
        this.publishedBy = publishedBy;
        this.processDefinitionId = processDefinitionId;
        this.workspaceId = workspaceId;
    }

    String key() { return key; }
    int version() { return version; }
    String name() { return name; }
    String industry() { return industry; }
    String source() { return source; }
    String format() { return format; }
    String bpmnXml() { return bpmnXml; }
    Instant publishedAt() { return publishedAt; }
    String publishedBy() { return publishedBy; }
    String processDefinitionId() { return processDefinitionId; }
    String workspaceId() { return workspaceId; }
}
