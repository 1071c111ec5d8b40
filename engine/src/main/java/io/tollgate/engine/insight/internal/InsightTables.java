package io.tollgate.engine.insight.internal;

import io.tollgate.engine.insight.Dashboard;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * The insight read model's rows, written by SQL in the transaction of each event, and the
 * dashboard's aggregations: counts, averages and percentiles computed by the database over indexed
 * columns, never by loading the rows.
 */
@Repository
public class InsightTables {

    /** A project as the read model keeps it. */
    public record ProjectRow(String projectId, String workspaceId, String templateKey, String name, String status,
                             Instant createdAt, Instant targetAt, Instant completedAt, int reworkCount,
                             Instant lateAlertAt) {
    }

    /** A stage of a project as the read model keeps it. */
    public record StageRow(String stageKey, String name, int seq, String status, Instant firstStartedAt,
                           Instant roundStartedAt, Instant gateOpenedAt, Instant dueAt, Instant completedAt,
                           int rounds, int reworkCount) {
    }

    private static final int MAX_OVERDUE = 200;
    private static final int MAX_ROWS = 500;

    private final NamedParameterJdbcTemplate jdbc;

    InsightTables(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // --- writes

    public void insertProject(String projectId, String workspaceId, String templateKey, String name, Instant createdAt,
                              Instant targetAt) {
        jdbc.update("""
                insert into insight_project (project_id, workspace_id, template_key, name, status, created_at, target_at)
                values (:id, :ws, :template, :name, 'active', :created, :target)""",
                new MapSqlParameterSource("id", projectId).addValue("ws", workspaceId).addValue("template", templateKey)
                        .addValue("name", name).addValue("created", ts(createdAt)).addValue("target", ts(targetAt)));
    }

    /** A new project's stages, all waiting, in one batch. */
    public void insertStages(String projectId, String workspaceId, String templateKey, Instant projectCreatedAt,
                             List<String> stageKeys, List<String> names) {
        MapSqlParameterSource[] rows = new MapSqlParameterSource[stageKeys.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new MapSqlParameterSource("id", projectId).addValue("stage", stageKeys.get(i))
                    .addValue("ws", workspaceId).addValue("template", templateKey).addValue("seq", i)
                    .addValue("name", names.get(i)).addValue("created", ts(projectCreatedAt));
        }
        jdbc.batchUpdate("""
                insert into insight_stage (project_id, stage_key, workspace_id, template_key, seq, name, status,
                  project_created_at)
                values (:id, :stage, :ws, :template, :seq, :name, 'waiting', :created)""", rows);
    }

    public boolean hasProject(String projectId) {
        Integer n = jdbc.queryForObject("select count(*) from insight_project where project_id = :id",
                new MapSqlParameterSource("id", projectId), Integer.class);
        return n != null && n > 0;
    }

    /** A round of the stage starts: its first, or another after a send-back or rejection. */
    public void stageStarted(String projectId, String stageKey, Instant at, Instant dueAt, Integer reworkCount) {
        jdbc.update("""
                update insight_stage set status = 'running', first_started_at = coalesce(first_started_at, :at),
                  round_started_at = :at, gate_opened_at = :at, due_at = :due, completed_at = null, cycle_hours = null,
                  rounds = rounds + 1, rework_count = coalesce(:reworks, rework_count)
                where project_id = :id and stage_key = :stage""",
                stage(projectId, stageKey).addValue("at", ts(at)).addValue("due", ts(dueAt)).addValue("reworks", reworkCount));
    }

    /** Stages the project left by a send-back wait again. */
    public void stagesWaiting(String projectId, Collection<String> stageKeys) {
        if (stageKeys.isEmpty()) {
            return;
        }
        jdbc.update("""
                update insight_stage set status = 'waiting'
                where project_id = :id and stage_key in (:stages) and status in ('running', 'done')""",
                new MapSqlParameterSource("id", projectId).addValue("stages", stageKeys));
    }

    /** The stage's gate passed (and its round ends). */
    public void stagePassed(String projectId, String stageKey, Instant at) {
        stageCompleted(projectId, stageKey, at);
        jdbc.update("update insight_stage set passes = passes + 1 where project_id = :id and stage_key = :stage",
                stage(projectId, stageKey));
    }

    /** The stage's work is done: by its gate's pass, or by a resubmission straight to a later gate. */
    public void stageCompleted(String projectId, String stageKey, Instant at) {
        Instant first = jdbc.query("select first_started_at from insight_stage where project_id = :id and stage_key = :stage",
                stage(projectId, stageKey), (rs, i) -> instant(rs, "first_started_at")).stream().findFirst().orElse(null);
        jdbc.update("""
                update insight_stage set status = 'done', completed_at = :at, cycle_hours = :hours
                where project_id = :id and stage_key = :stage""",
                stage(projectId, stageKey).addValue("at", ts(at)).addValue("hours", first == null ? null : hours(first, at)));
    }

    public void stageSkipped(String projectId, String stageKey, Instant at) {
        jdbc.update("""
                update insight_stage set status = 'skipped', completed_at = :at
                where project_id = :id and stage_key = :stage""", stage(projectId, stageKey).addValue("at", ts(at)));
    }

    public void taskDone(String projectId, String stageKey, Instant at) {
        jdbc.update("update insight_stage set gate_opened_at = :at where project_id = :id and stage_key = :stage",
                stage(projectId, stageKey).addValue("at", ts(at)));
    }

    public void gateRecycled(String projectId, String stageKey) {
        jdbc.update("update insight_stage set recycles = recycles + 1 where project_id = :id and stage_key = :stage",
                stage(projectId, stageKey));
    }

    public void projectReworked(String projectId) {
        jdbc.update("update insight_project set rework_count = rework_count + 1 where project_id = :id",
                new MapSqlParameterSource("id", projectId));
    }

    public void projectStatus(String projectId, String status) {
        jdbc.update("update insight_project set status = :status where project_id = :id and status not in ('completed', 'cancelled')",
                new MapSqlParameterSource("id", projectId).addValue("status", status));
    }

    /** The project passed its last gate: its cycle, whether it kept its target date, the week it counts in. */
    public void projectCompleted(String projectId, Instant at, LocalDate week) {
        project(projectId).ifPresent(p -> jdbc.update("""
                update insight_project set status = 'completed', completed_at = :at, completed_week = :week,
                  cycle_hours = :hours, on_time = :onTime
                where project_id = :id""", new MapSqlParameterSource("id", projectId).addValue("at", ts(at))
                .addValue("week", week).addValue("hours", hours(p.createdAt(), at))
                .addValue("onTime", p.targetAt() == null ? null : !at.isAfter(p.targetAt()))));
    }

    /** A hold moved the due dates later: the target moves with them. */
    public void targetMoved(String projectId, Duration by) {
        project(projectId).filter(p -> p.targetAt() != null).ifPresent(p -> jdbc.update(
                "update insight_project set target_at = :target where project_id = :id",
                new MapSqlParameterSource("id", projectId).addValue("target", ts(p.targetAt().plus(by)))));
    }

    public void workDone(String id, String workspaceId, String projectId, String templateKey, String stageKey,
                         String user, String kind, Instant at, double handlingHours) {
        jdbc.update("""
                insert into insight_work (id, workspace_id, project_id, template_key, stage_key, username, kind, done_at,
                  handling_hours) values (:id, :ws, :project, :template, :stage, :user, :kind, :at, :hours)""",
                new MapSqlParameterSource("id", id).addValue("ws", workspaceId).addValue("project", projectId)
                        .addValue("template", templateKey).addValue("stage", stageKey).addValue("user", user)
                        .addValue("kind", kind).addValue("at", ts(at)).addValue("hours", handlingHours));
    }

    /** Who did a piece of work took it back: it no longer counts. */
    public void workWithdrawn(String projectId, String stageKey, String user, String kind) {
        jdbc.query("""
                select id from insight_work where project_id = :project and stage_key = :stage and username = :user
                  and kind = :kind order by done_at desc fetch first 1 rows only""",
                new MapSqlParameterSource("project", projectId).addValue("stage", stageKey).addValue("user", user)
                        .addValue("kind", kind), (rs, i) -> rs.getString(1)).stream().findFirst()
                .ifPresent(id -> jdbc.update("delete from insight_work where id = :id", new MapSqlParameterSource("id", id)));
    }

    // --- rebuilding a project's rows from what Tollgate recorded

    /** A stage's rebuilt row: every column the events would have written. */
    public record RebuiltStage(String stageKey, String name, int seq, String status, Instant firstStartedAt,
                               Instant roundStartedAt, Instant gateOpenedAt, Instant dueAt, Instant completedAt,
                               Double cycleHours, int rounds, int reworkCount, int passes, int recycles) {
    }

    /** Drops whatever stage and work rows a project has left, before its rows are rebuilt. */
    public void forgetProject(String projectId) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", projectId);
        jdbc.update("delete from insight_work where project_id = :id", p);
        jdbc.update("delete from insight_stage where project_id = :id", p);
        jdbc.update("delete from insight_project where project_id = :id", p);
    }

    /** The rest of a rebuilt project's row, after {@link #insertProject}. */
    public void restoreProject(String projectId, String status, Instant completedAt, LocalDate completedWeek,
                               Double cycleHours, Boolean onTime, int reworkCount) {
        jdbc.update("""
                update insight_project set status = :status, completed_at = :completed, completed_week = :week,
                  cycle_hours = :hours, on_time = :onTime, rework_count = :reworks
                where project_id = :id""", new MapSqlParameterSource("id", projectId).addValue("status", status)
                .addValue("completed", ts(completedAt)).addValue("week", completedWeek).addValue("hours", cycleHours)
                .addValue("onTime", onTime).addValue("reworks", reworkCount));
    }

    public void restoreStage(String projectId, String workspaceId, String templateKey, RebuiltStage s) {
        jdbc.update("""
                insert into insight_stage (project_id, stage_key, workspace_id, template_key, seq, name, status,
                  first_started_at, round_started_at, gate_opened_at, due_at, completed_at, cycle_hours, rounds,
                  rework_count, passes, recycles, project_created_at)
                values (:id, :stage, :ws, :template, :seq, :name, :status, :first, :round, :gate, :due, :completed,
                  :hours, :rounds, :reworks, :passes, :recycles,
                  (select p.created_at from insight_project p where p.project_id = :id))""",
                stage(projectId, s.stageKey()).addValue("ws", workspaceId).addValue("template", templateKey)
                        .addValue("seq", s.seq()).addValue("name", s.name()).addValue("status", s.status())
                        .addValue("first", ts(s.firstStartedAt())).addValue("round", ts(s.roundStartedAt()))
                        .addValue("gate", ts(s.gateOpenedAt())).addValue("due", ts(s.dueAt()))
                        .addValue("completed", ts(s.completedAt())).addValue("hours", s.cycleHours())
                        .addValue("rounds", s.rounds()).addValue("reworks", s.reworkCount())
                        .addValue("passes", s.passes()).addValue("recycles", s.recycles()));
    }

    /** Marks the late alert raised; false when it was raised before. */
    public boolean markLateAlert(String projectId, Instant at) {
        return jdbc.update("update insight_project set late_alert_at = :at where project_id = :id and late_alert_at is null",
                new MapSqlParameterSource("id", projectId).addValue("at", ts(at))) == 1;
    }

    // --- reads of one project

    public Optional<ProjectRow> project(String projectId) {
        return jdbc.query("select * from insight_project where project_id = :id", new MapSqlParameterSource("id", projectId),
                (rs, i) -> new ProjectRow(rs.getString("project_id"), rs.getString("workspace_id"),
                        rs.getString("template_key"), rs.getString("name"), rs.getString("status"),
                        instant(rs, "created_at"), instant(rs, "target_at"), instant(rs, "completed_at"),
                        rs.getInt("rework_count"), instant(rs, "late_alert_at"))).stream().findFirst();
    }

    public List<StageRow> stages(String projectId) {
        return jdbc.query("select * from insight_stage where project_id = :id order by seq",
                new MapSqlParameterSource("id", projectId), (rs, i) -> new StageRow(rs.getString("stage_key"),
                        rs.getString("name"), rs.getInt("seq"), rs.getString("status"), instant(rs, "first_started_at"),
                        instant(rs, "round_started_at"), instant(rs, "gate_opened_at"), instant(rs, "due_at"),
                        instant(rs, "completed_at"), rs.getInt("rounds"), rs.getInt("rework_count")));
    }

    /** How long the same template's stage took in other projects, newest first, in days. */
    public List<Double> history(String workspaceId, String templateKey, String stageKey, String exceptProject, int limit) {
        return jdbc.query("""
                select cycle_hours from insight_stage
                where workspace_id = :ws and template_key = :template and stage_key = :stage and status = 'done'
                  and cycle_hours is not null and project_id <> :project
                order by completed_at desc fetch first %d rows only""".formatted(limit),
                new MapSqlParameterSource("ws", workspaceId).addValue("template", templateKey).addValue("stage", stageKey)
                        .addValue("project", exceptProject), (rs, i) -> rs.getDouble(1) / 24.0);
    }

    // --- settings

    public Optional<String> settingsJson(String workspaceId) {
        return jdbc.query("select settings_json from insight_settings where workspace_id = :ws",
                new MapSqlParameterSource("ws", workspaceId), (rs, i) -> rs.getString(1)).stream().findFirst();
    }

    public void saveSettings(String workspaceId, String json, Instant at, String by) {
        MapSqlParameterSource p = new MapSqlParameterSource("ws", workspaceId).addValue("json", json)
                .addValue("at", ts(at)).addValue("by", by);
        if (jdbc.update("update insight_settings set settings_json = :json, updated_at = :at, updated_by = :by "
                + "where workspace_id = :ws", p) == 0) {
            jdbc.update("insert into insight_settings (workspace_id, settings_json, updated_at, updated_by) "
                    + "values (:ws, :json, :at, :by)", p);
        }
    }

    // --- the dashboard

    /** The filters as SQL: workspace, period, template, and the people of a group (null: everyone). */
    public record Scope(String workspaceId, Instant from, Instant to, String template, List<String> members) {
    }

    private static MapSqlParameterSource params(Scope s) {
        return new MapSqlParameterSource("ws", s.workspaceId()).addValue("from", ts(s.from())).addValue("to", ts(s.to()))
                .addValue("template", s.template())
                .addValue("members", s.members() == null || s.members().isEmpty() ? List.of("") : s.members());
    }

    /** Projects of the workspace started in the period, of the template, where the group's people worked. */
    private static String cohort(Scope s, String alias) {
        return " " + alias + ".workspace_id = :ws and " + alias + ".created_at >= :from and " + alias + ".created_at < :to"
                + (s.template() == null ? "" : " and " + alias + ".template_key = :template")
                + groupFilter(s, alias) + " ";
    }

    /** Stages of the projects started in the period: by the project's start each stage row keeps. */
    private static String stageCohort(Scope s) {
        return " st.workspace_id = :ws and st.project_created_at >= :from and st.project_created_at < :to"
                + (s.template() == null ? "" : " and st.template_key = :template") + groupFilter(s, "st") + " ";
    }

    private static String groupFilter(Scope s, String alias) {
        return s.members() == null ? "" : " and exists (select 1 from insight_work gw where gw.project_id = "
                + alias + ".project_id and gw.username in (:members))";
    }

    private static final String STATS = """
            count(%1$s) as n, avg(%1$s) as mean,
            percentile_cont(0.5) within group (order by %1$s) as p50,
            percentile_cont(0.85) within group (order by %1$s) as p85,
            percentile_cont(0.95) within group (order by %1$s) as p95\s""";

    public Dashboard.Projects projects(Scope s) {
        String sql = """
                select count(*) as started,
                  sum(case when p.status = 'active' then 1 else 0 end) as active,
                  sum(case when p.status = 'on_hold' then 1 else 0 end) as on_hold,
                  sum(case when p.status = 'completed' then 1 else 0 end) as completed,
                  sum(case when p.status = 'cancelled' then 1 else 0 end) as cancelled,
                  sum(case when p.on_time then 1 else 0 end) as on_time,
                  sum(case when p.on_time is not null then 1 else 0 end) as with_target,
                """ + STATS.formatted("p.cycle_hours") + " from insight_project p where " + cohort(s, "p");
        return jdbc.queryForObject(sql, params(s), (rs, i) -> {
            long started = rs.getLong("started");
            long completed = rs.getLong("completed");
            long withTarget = rs.getLong("with_target");
            long onTime = rs.getLong("on_time");
            return new Dashboard.Projects(started, rs.getLong("active"), rs.getLong("on_hold"), completed,
                    rs.getLong("cancelled"), started == 0 ? null : round((double) completed / started, 4), onTime,
                    withTarget == 0 ? null : round((double) onTime / withTarget, 4), stats(rs));
        });
    }

    public List<Dashboard.StageCount> byStage(Scope s) {
        return jdbc.query("""
                select st.template_key, st.stage_key, min(st.name) as name, min(st.seq) as seq, count(*) as n
                from insight_stage st join insight_project p on p.project_id = st.project_id
                where st.status = 'running' and p.status in ('active', 'on_hold') and """ + cohort(s, "p") + """
                 group by st.template_key, st.stage_key order by st.template_key, min(st.seq)""", params(s),
                (rs, i) -> new Dashboard.StageCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong("n")));
    }

    public List<Dashboard.StageCycle> stageCycles(Scope s) {
        return jdbc.query("select st.template_key, st.stage_key, min(st.name) as name, min(st.seq) as seq, "
                + STATS.formatted("st.cycle_hours") + """
                 from insight_stage st
                where st.status = 'done' and st.cycle_hours is not null and """ + stageCohort(s) + """
                 group by st.template_key, st.stage_key order by st.template_key, min(st.seq)""", params(s),
                (rs, i) -> new Dashboard.StageCycle(rs.getString(1), rs.getString(2), rs.getString(3), stats(rs)));
    }

    public List<Dashboard.GateRework> gates(Scope s) {
        return jdbc.query("""
                select st.template_key, st.stage_key, min(st.name) as name, min(st.seq) as seq,
                  sum(st.passes) as passed, sum(st.recycles) as recycled
                from insight_stage st
                where (st.passes > 0 or st.recycles > 0) and """ + stageCohort(s) + """
                 group by st.template_key, st.stage_key order by st.template_key, min(st.seq)""", params(s), (rs, i) -> {
            long passed = rs.getLong("passed");
            long recycled = rs.getLong("recycled");
            return new Dashboard.GateRework(rs.getString(1), rs.getString(2), rs.getString(3), passed, recycled,
                    passed + recycled == 0 ? null : round((double) recycled / (passed + recycled), 4));
        });
    }

    /** Stages running past their due date now, of projects of the template and group, whenever started. */
    public List<Dashboard.Overdue> overdue(Scope s, Instant now) {
        return jdbc.query("""
                select p.project_id, p.name as project, p.template_key, st.stage_key, st.name, st.due_at
                from insight_stage st join insight_project p on p.project_id = st.project_id
                where st.workspace_id = :ws and st.status = 'running' and st.due_at < :now and p.status = 'active'"""
                + (s.template() == null ? "" : " and p.template_key = :template") + groupFilter(s, "p")
                + " order by st.due_at, p.project_id fetch first " + MAX_OVERDUE + " rows only",
                params(s).addValue("now", ts(now)), (rs, i) -> {
                    Instant due = instant(rs, "due_at");
                    return new Dashboard.Overdue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), due, round(hours(due, now) / 24.0, 2));
                });
    }

    private static String workScope(Scope s) {
        return " w.workspace_id = :ws and w.done_at >= :from and w.done_at < :to"
                + (s.template() == null ? "" : " and w.template_key = :template")
                + (s.members() == null ? "" : " and w.username in (:members)") + " ";
    }

    /** The work done in the period: per person and per stage, from one pass over one index. */
    public record WorkDone(List<Dashboard.Person> people, List<Dashboard.StageWork> stages) {
    }

    public WorkDone work(Scope s) {
        record Group(String template, String stage, String user, String kind, long n, double hours) {
        }
        List<Group> groups = jdbc.query("""
                select w.template_key, w.stage_key, w.username, w.kind, count(*) as n, sum(w.handling_hours) as hours
                from insight_work w where """ + workScope(s) + """
                 group by w.template_key, w.stage_key, w.username, w.kind""", params(s),
                (rs, i) -> new Group(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getDouble(6)));
        Map<String, long[]> byUser = new HashMap<>();
        Map<String, double[]> userHours = new HashMap<>();
        Map<List<String>, long[]> byStage = new HashMap<>();
        Map<List<String>, double[]> stageHours = new HashMap<>();
        for (Group g : groups) {
            long[] counts = byUser.computeIfAbsent(g.user(), k -> new long[2]);
            counts[g.kind().equals("task") ? 0 : 1] += g.n();
            userHours.computeIfAbsent(g.user(), k -> new double[1])[0] += g.hours();
            byStage.computeIfAbsent(List.of(g.template(), g.stage()), k -> new long[1])[0] += g.n();
            stageHours.computeIfAbsent(List.of(g.template(), g.stage()), k -> new double[1])[0] += g.hours();
        }
        List<Dashboard.Person> people = byUser.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -(e.getValue()[0] + e.getValue()[1]))
                        .thenComparing(Map.Entry::getKey))
                .limit(MAX_ROWS)
                .map(e -> new Dashboard.Person(e.getKey(), e.getValue()[0], e.getValue()[1],
                        round(userHours.get(e.getKey())[0] / (e.getValue()[0] + e.getValue()[1]), 2)))
                .toList();
        List<Dashboard.StageWork> stages = byStage.entrySet().stream()
                .sorted(Comparator.<Map.Entry<List<String>, long[]>, String>comparing(e -> e.getKey().get(0))
                        .thenComparing(e -> e.getKey().get(1)))
                .limit(MAX_ROWS)
                .map(e -> new Dashboard.StageWork(e.getKey().get(0), e.getKey().get(1), e.getValue()[0],
                        round(stageHours.get(e.getKey())[0] / e.getValue()[0], 2)))
                .toList();
        return new WorkDone(people, stages);
    }

    public List<Dashboard.Week> throughput(Scope s) {
        return jdbc.query("""
                select p.completed_week, count(*) as n from insight_project p
                where p.workspace_id = :ws and p.status = 'completed' and p.completed_at >= :from and p.completed_at < :to"""
                + (s.template() == null ? "" : " and p.template_key = :template") + groupFilter(s, "p")
                + " group by p.completed_week order by p.completed_week", params(s),
                (rs, i) -> new Dashboard.Week(rs.getObject(1, LocalDate.class), rs.getLong(2)));
    }

    // --- helpers

    private static Dashboard.Stats stats(ResultSet rs) throws SQLException {
        long n = rs.getLong("n");
        if (n == 0) {
            return new Dashboard.Stats(0, null, null, null, null);
        }
        return new Dashboard.Stats(n, days(rs, "mean"), days(rs, "p50"), days(rs, "p85"), days(rs, "p95"));
    }

    private static Double days(ResultSet rs, String column) throws SQLException {
        double hours = rs.getDouble(column);
        return rs.wasNull() ? null : round(hours / 24.0, 3);
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    private static MapSqlParameterSource stage(String projectId, String stageKey) {
        return new MapSqlParameterSource("id", projectId).addValue("stage", stageKey);
    }

    public static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 3_600_000.0;
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
