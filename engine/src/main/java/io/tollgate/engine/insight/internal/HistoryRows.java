package io.tollgate.engine.insight.internal;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The read model's rows for projects imported from an earlier tool, written as batches of statements. */
@Repository
public class HistoryRows {

    /** An imported project's row. */
    public record ProjectRow(String projectId, String workspaceId, String templateKey, String name, String status,
                             Instant createdAt, Instant targetAt, Instant completedAt, LocalDate completedWeek,
                             Double cycleHours, Boolean onTime, int reworkCount) {
    }

    /** A stage's row of an imported project. */
    public record StageRow(String projectId, String stageKey, String workspaceId, String templateKey, int seq,
                           String name, String status, Instant startedAt, Instant completedAt, Double cycleHours,
                           int rounds, int reworkCount, Instant projectCreatedAt) {
    }

    /** A piece of work done in an imported project. */
    public record WorkRow(String id, String workspaceId, String projectId, String templateKey, String stageKey,
                          String username, String kind, Instant doneAt, double handlingHours) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    HistoryRows(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(List<ProjectRow> projects, List<StageRow> stages, List<WorkRow> work) {
        List<SqlParameterSource> p = new ArrayList<>(projects.size());
        projects.forEach(r -> p.add(new MapSqlParameterSource("id", r.projectId()).addValue("ws", r.workspaceId())
                .addValue("template", r.templateKey()).addValue("name", r.name()).addValue("status", r.status())
                .addValue("created", ts(r.createdAt())).addValue("target", ts(r.targetAt()))
                .addValue("completed", ts(r.completedAt())).addValue("week", r.completedWeek())
                .addValue("hours", r.cycleHours()).addValue("onTime", r.onTime()).addValue("reworks", r.reworkCount())));
        jdbc.batchUpdate("""
                insert into insight_project (project_id, workspace_id, template_key, name, status, created_at, target_at,
                  completed_at, completed_week, cycle_hours, on_time, rework_count)
                values (:id, :ws, :template, :name, :status, :created, :target, :completed, :week, :hours, :onTime,
                  :reworks)""", p.toArray(SqlParameterSource[]::new));
        List<SqlParameterSource> s = new ArrayList<>(stages.size());
        stages.forEach(r -> s.add(new MapSqlParameterSource("id", r.projectId()).addValue("stage", r.stageKey())
                .addValue("ws", r.workspaceId()).addValue("template", r.templateKey()).addValue("seq", r.seq())
                .addValue("name", r.name()).addValue("status", r.status()).addValue("started", ts(r.startedAt()))
                .addValue("completed", ts(r.completedAt())).addValue("hours", r.cycleHours())
                .addValue("rounds", r.rounds()).addValue("reworks", r.reworkCount())
                .addValue("passes", r.status().equals("done") ? 1 : 0).addValue("projectCreated", ts(r.projectCreatedAt()))));
        jdbc.batchUpdate("""
                insert into insight_stage (project_id, stage_key, workspace_id, template_key, seq, name, status,
                  first_started_at, round_started_at, completed_at, cycle_hours, rounds, rework_count, passes,
                  project_created_at)
                values (:id, :stage, :ws, :template, :seq, :name, :status, :started, :started, :completed, :hours,
                  :rounds, :reworks, :passes, :projectCreated)""", s.toArray(SqlParameterSource[]::new));
        List<SqlParameterSource> w = new ArrayList<>(work.size());
        work.forEach(r -> w.add(new MapSqlParameterSource("id", r.id()).addValue("ws", r.workspaceId())
                .addValue("project", r.projectId()).addValue("template", r.templateKey()).addValue("stage", r.stageKey())
                .addValue("user", r.username()).addValue("kind", r.kind()).addValue("at", ts(r.doneAt()))
                .addValue("hours", r.handlingHours())));
        jdbc.batchUpdate("""
                insert into insight_work (id, workspace_id, project_id, template_key, stage_key, username, kind, done_at,
                  handling_hours) values (:id, :ws, :project, :template, :stage, :user, :kind, :at, :hours)""",
                w.toArray(SqlParameterSource[]::new));
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
