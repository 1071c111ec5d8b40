package io.tollgate.engine.modules.releases;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** One version of a project: its planned date, the stages and tasks it ships, notes, and the PM's ready mark. */
@Entity
@Table(name = "project_release")
public class ProjectRelease {

    @Id
    private String id;
    private String projectId;
    private String version;
    private LocalDate plannedOn;
    private String notes;
    private boolean ready;
    private String readyBy;
    private Instant readyAt;
    private Instant createdAt;
    private String createdBy;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "project_release_link", joinColumns = @JoinColumn(name = "release_id"))
    @Column(name = "link")
    private Set<String> links = new TreeSet<>();
    @Version
    private long rowVersion;

    protected ProjectRelease() {
    }

    ProjectRelease(String id, String projectId, String version, Instant createdAt, String createdBy) {
        this.id = id;
        this.projectId = projectId;
        this.version = version;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    void describe(String version, LocalDate plannedOn, String notes, Collection<String> links) {
        this.version = version;
        this.plannedOn = plannedOn;
        this.notes = notes;
        this.links.clear();
        this.links.addAll(links);
    }

    void mark(boolean ready, String by, Instant at) {
        this.ready = ready;
        this.readyBy = ready ? by : null;
        this.readyAt = ready ? at : null;
    }

    public String id() { return id; }
    public String projectId() { return projectId; }
    public String version() { return version; }
    public LocalDate plannedOn() { return plannedOn; }
    public String notes() { return notes; }
    public boolean ready() { return ready; }
    public String readyBy() { return readyBy; }
    public Instant readyAt() { return readyAt; }
    public Instant createdAt() { return createdAt; }
    public String createdBy() { return createdBy; }
    public Set<String> links() { return Set.copyOf(links); }
}
