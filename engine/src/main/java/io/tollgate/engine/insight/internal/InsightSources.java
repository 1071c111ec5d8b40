package io.tollgate.engine.insight.internal;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Tollgate itself recorded about a project, read to rebuild its insight rows: the project, its
 * stages, its work items, the decisions on its gates and the audit lines of completed and withdrawn
 * work and of holds. Read only, by SQL, never from the process engine's history.
 */
@Repository
public class InsightSources {

    /** The project row. */
    public record ProjectSource(String id, String workspaceId, String templateKey, String name, String status,
                                Instant createdAt, Instant completedAt) {
    }

    /** A stage row: its status and round as the project keeps them. */
    public record StageSource(String stageKey, String status, int round, int reworkCount, Instant startedAt,
                              Instant dueAt, Instant completedAt) {
    }

    /** A work item done, as it stands now (an item done again in a later round keeps only its latest completion). */
    public record ItemSource(String stageKey, String kind, int round, Instant completedAt, String completedBy) {
    }

    /** A decision on a gate. */
    public record DecisionSource(String stageKey, int round, String username, String decision, Instant decidedAt) {
    }

    /** An audit line: who did what to which subject, and when. */
    public record AuditSource(String action, String actor, String subject, Instant at) {
    }

    private static final List<String> AUDITED = List.of("task.completed", "task.withdrawn", "project.held",
            "project.resumed");

    private final NamedParameterJdbcTemplate jdbc;

    InsightSources(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} projects that have no insight row, oldest first. */
    public List<String> missing(int limit) {
        return jdbc.query("""
                select p.id from project p
                where not exists (select 1 from insight_project i where i.project_id = p.id)
                order by p.created_at, p.id fetch first %d rows only""".formatted(limit),
                new MapSqlParameterSource(), (rs, i) -> rs.getString(1));
    }

    public Optional<ProjectSource> project(String id) {
        return jdbc.query("select id, workspace_id, template_key, name, status, created_at, completed_at from project "
                        + "where id = :id", new MapSqlParameterSource("id", id),
                (rs, i) -> new ProjectSource(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs, "created_at"), instant(rs, "completed_at"))).stream().findFirst();
    }

    public List<StageSource> stages(String projectId) {
        return jdbc.query("""
                select stage_key, status, round, rework_count, started_at, due_at, completed_at
                from project_stage where project_id = :id order by seq""", new MapSqlParameterSource("id", projectId),
                (rs, i) -> new StageSource(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        instant(rs, "started_at"), instant(rs, "due_at"), instant(rs, "completed_at")));
    }

    public List<ItemSource> itemsDone(String projectId) {
        return jdbc.query("""
                select stage_key, kind, round, completed_at, completed_by from work_item
                where project_id = :id and status = 'DONE' and completed_at is not null and completed_by is not null
                order by completed_at, id""", new MapSqlParameterSource("id", projectId),
                (rs, i) -> new ItemSource(rs.getString(1), rs.getString(2), rs.getInt(3), instant(rs, "completed_at"),
                        rs.getString(5)));
    }

    public List<DecisionSource> decisions(String projectId) {
        return jdbc.query("""
                select stage_key, round, username, decision, decided_at from approval_decision
                where project_id = :id order by decided_at, id""", new MapSqlParameterSource("id", projectId),
                (rs, i) -> new DecisionSource(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        instant(rs, "decided_at")));
    }

    /** The project's audit lines of completed and withdrawn tasks and of holds, in order. */
    public List<AuditSource> audit(String projectId) {
        return jdbc.query("""
                select action, actor, subject, occurred_at from audit_event
                where project_id = :id and action in (:actions) order by occurred_at, id""",
                new MapSqlParameterSource("id", projectId).addValue("actions", AUDITED),
                (rs, i) -> new AuditSource(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, "occurred_at")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
