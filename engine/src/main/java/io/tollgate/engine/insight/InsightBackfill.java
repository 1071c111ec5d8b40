package io.tollgate.engine.insight;

import io.tollgate.engine.calendar.CalendarService;
import io.tollgate.engine.insight.internal.InsightSources;
import io.tollgate.engine.insight.internal.InsightSources.AuditSource;
import io.tollgate.engine.insight.internal.InsightSources.DecisionSource;
import io.tollgate.engine.insight.internal.InsightSources.ProjectSource;
import io.tollgate.engine.insight.internal.InsightSources.StageSource;
import io.tollgate.engine.insight.internal.InsightTables;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.modeler.model.Durations;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Fills the read model, at start-up, for projects it does not hold (those started before it existed,
 * or whose rows were lost), from what Tollgate itself recorded: the project and its stages, the
 * decisions on its gates, its work items and the audit lines of completed and withdrawn tasks and of
 * holds; never from the process engine's history. Projects are read in batches of {@value #BATCH},
 * each rebuilt in its own transaction, so a run is bounded and a project already present is left alone.
 */
@Component
@Order(40)
class InsightBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InsightBackfill.class);
    /** Projects read per batch. */
    static final int BATCH = 100;

    /** A task done: in which stage, by whom, when. */
    private record TaskDone(String stage, String user, Instant at) {
    }

    private final InsightSources sources;
    private final InsightTables tables;
    private final ProjectService projects;
    private final ProjectInsight insight;
    private final CalendarService calendars;
    private final TransactionTemplate transaction;
    private final Clock clock;

    InsightBackfill(InsightSources sources, InsightTables tables, ProjectService projects, ProjectInsight insight,
                    CalendarService calendars, PlatformTransactionManager transactions, Clock clock) {
        this.sources = sources;
        this.tables = tables;
        this.projects = projects;
        this.insight = insight;
        this.calendars = calendars;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        backfill();
    }

    /** Rebuilds every project missing from the read model; answers how many it filled in. */
    int backfill() {
        int filled = 0;
        int failed = 0;
        Set<String> tried = new java.util.HashSet<>();
        while (true) {
            List<String> batch = transaction.execute(s -> sources.missing(BATCH + tried.size())).stream()
                    .filter(id -> !tried.contains(id)).limit(BATCH).toList();
            if (batch.isEmpty()) {
                break;
            }
            int before = filled;
            for (String id : batch) {
                tried.add(id);
                try {
                    if (Boolean.TRUE.equals(transaction.execute(s -> rebuild(id)))) {
                        filled++;
                    }
                } catch (RuntimeException e) {
                    failed++;
                    log.warn("Could not fill the insight rows of project {}: {}", id, e.toString());
                }
            }
            log.info("Filled the insight rows of {} project(s) of a batch of {}", filled - before, batch.size());
        }
        if (filled > 0 || failed > 0) {
            log.info("Insight backfill: {} project(s) filled in, {} failed", filled, failed);
        }
        return filled;
    }

    /** One project's rows, from its own tables; false when it has meanwhile appeared or vanished. */
    private boolean rebuild(String projectId) {
        ProjectSource p = sources.project(projectId).orElse(null);
        if (p == null || tables.hasProject(projectId)) {
            return false;
        }
        tables.forgetProject(projectId);
        Template template = projects.template(projectId);
        List<StageSource> stageRows = sources.stages(projectId);
        Map<String, StageSource> rows = stageRows.stream().collect(Collectors.toMap(StageSource::stageKey, s -> s));
        List<DecisionSource> decisions = sources.decisions(projectId);
        List<AuditSource> audit = sources.audit(projectId);
        List<TaskDone> tasks = tasksDone(projectId, audit);
        Rounds rounds = new Rounds(template, rows, decisions);

        Instant target = insight.target(p.workspaceId(), template, p.createdAt());
        Duration held = held(audit);
        tables.insertProject(projectId, p.workspaceId(), p.templateKey(), p.name(), p.createdAt(),
                target == null ? null : target.plus(held));
        Instant now = clock.instant();
        int seq = 0;
        for (Stage s : template.stages()) {
            StageSource row = rows.get(s.key());
            tables.restoreStage(projectId, p.workspaceId(), p.templateKey(), stage(p, s, seq++, row, rounds, tasks, now));
        }
        String status = p.status().toLowerCase(Locale.ROOT);
        Instant completed = status.equals("completed") ? p.completedAt() : null;
        LocalDate week = completed == null ? null : completed.atZone(calendars.time(p.workspaceId()).zone()).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant due = target == null ? null : target.plus(held);
        tables.restoreProject(projectId, status, completed, week,
                completed == null ? null : InsightTables.hours(p.createdAt(), completed),
                completed == null || due == null ? null : !completed.isAfter(due),
                stageRows.stream().mapToInt(StageSource::reworkCount).sum());

        for (TaskDone t : tasks) {
            Instant from = rounds.start(t.stage(), t.at());
            tables.workDone(UUID.randomUUID().toString(), p.workspaceId(), projectId, p.templateKey(), t.stage(), t.user(),
                    "task", t.at(), InsightTables.hours(from == null ? t.at() : from, t.at()));
        }
        for (DecisionSource d : decisions) {
            Instant from = gateOpened(d.stageKey(), d.decidedAt(), rounds, tasks);
            tables.workDone(UUID.randomUUID().toString(), p.workspaceId(), projectId, p.templateKey(), d.stageKey(),
                    d.username(), "approval", d.decidedAt(), InsightTables.hours(from == null ? d.decidedAt() : from,
                            d.decidedAt()));
        }
        return true;
    }

    private InsightTables.RebuiltStage stage(ProjectSource p, Stage s, int seq, StageSource row, Rounds rounds,
                                             List<TaskDone> tasks, Instant now) {
        if (row == null || row.round() == 0 && row.startedAt() == null) {
            String status = row != null && row.status().equals("SKIPPED") ? "skipped" : "waiting";
            return new InsightTables.RebuiltStage(s.key(), s.label(), seq, status, null, null, null, null,
                    status.equals("skipped") ? row.completedAt() : null, null, 0, 0, 0, 0);
        }
        String status = switch (row.status()) {
            case "ACTIVE", "APPROVAL" -> "running";
            case "DONE" -> "done";
            case "SKIPPED" -> "skipped";
            default -> "waiting";
        };
        Instant last = status.equals("running") ? now : row.completedAt() == null ? now : row.completedAt();
        Instant roundStart = rounds.start(s.key(), last);
        Instant gate = gateOpened(s.key(), last, rounds, tasks);
        Instant rework = rounds.lastRework(s.key(), last);
        Instant due = row.dueAt();
        if (rework != null && !rework.isBefore(roundStart)) {
            // a rework's due date counts from the rework, as when the stage started again
            due = Durations.parse(s.duration()).map(d -> calendars.plus(p.workspaceId(), rework, d)).orElse(null);
        }
        boolean done = status.equals("done");
        Instant completed = done || status.equals("skipped") ? row.completedAt() : null;
        Double cycle = done && completed != null ? InsightTables.hours(row.startedAt(), completed) : null;
        int passes = Math.max(0, row.round() - (done ? 0 : 1) - rounds.rejectedRounds(s.key()));
        return new InsightTables.RebuiltStage(s.key(), s.label(), seq, status, row.startedAt(), roundStart, gate, due,
                completed, cycle, row.round(), row.reworkCount(), passes, rounds.recycles(s.key()));
    }

    /** A gate opens when the round's last task is done, or with the round where it has no task. */
    private static Instant gateOpened(String stage, Instant at, Rounds rounds, List<TaskDone> tasks) {
        Instant start = rounds.start(stage, at);
        Instant lastTask = tasks.stream().filter(t -> t.stage().equals(stage) && !t.at().isAfter(at)).map(TaskDone::at)
                .max(Comparator.naturalOrder()).orElse(null);
        return lastTask == null ? start : start == null || lastTask.isAfter(start) ? lastTask : start;
    }

    /**
     * Tasks done: from the audit trail, which keeps every completion and every withdrawal; where it
     * holds none for the project, from the work items done (each item's latest completion).
     */
    private List<TaskDone> tasksDone(String projectId, List<AuditSource> audit) {
        List<TaskDone> out = new ArrayList<>();
        for (AuditSource a : audit) {
            if (a.subject() == null || a.subject().indexOf('/') < 0) {
                continue;
            }
            String stage = a.subject().substring(0, a.subject().indexOf('/'));
            if (a.action().equals("task.completed")) {
                out.add(new TaskDone(stage, a.actor(), a.at()));
            } else if (a.action().equals("task.withdrawn")) {
                for (int i = out.size() - 1; i >= 0; i--) {
                    if (out.get(i).stage().equals(stage) && out.get(i).user().equals(a.actor())) {
                        out.remove(i);
                        break;
                    }
                }
            }
        }
        if (out.isEmpty()) {
            sources.itemsDone(projectId).stream().filter(i -> i.kind().equals("TASK"))
                    .forEach(i -> out.add(new TaskDone(i.stageKey(), i.completedBy(), i.completedAt())));
        }
        return out;
    }

    /** How long the project was on hold: each hold until the resumption after it. */
    private static Duration held(List<AuditSource> audit) {
        Duration total = Duration.ZERO;
        Instant since = null;
        for (AuditSource a : audit) {
            if (a.action().equals("project.held") && since == null) {
                since = a.at();
            } else if (a.action().equals("project.resumed") && since != null) {
                total = total.plus(Duration.between(since, a.at()));
                since = null;
            }
        }
        return total;
    }

    /**
     * When each round of a stage started, from the decisions: its first start, a rejection at its own
     * gate or a send-back from its own or a later gate (a rework), or the pass of a stage it waits for
     * after its first start (the project came back through it).
     */
    private static final class Rounds {
        private final Template template;
        private final Map<String, StageSource> rows;
        private final List<DecisionSource> decisions;
        private final Map<String, Integer> index = new HashMap<>();

        Rounds(Template template, Map<String, StageSource> rows, List<DecisionSource> decisions) {
            this.template = template;
            this.rows = rows;
            this.decisions = decisions;
            for (int i = 0; i < template.stages().size(); i++) {
                index.put(template.stages().get(i).key(), i);
            }
        }

        private static boolean rejects(DecisionSource d) {
            return d.decision().equals("REJECT") || d.decision().equals("SEND_BACK");
        }

        private static boolean approves(DecisionSource d) {
            return d.decision().equals("APPROVE") || d.decision().equals("CONDITIONAL");
        }

        /** The latest rework of the stage before {@code at} (a decision does not start the round it is made in). */
        Instant lastRework(String stage, Instant at) {
            int i = index.getOrDefault(stage, -1);
            return decisions.stream().filter(d -> d.decidedAt().isBefore(at) && rejects(d)
                            && (d.stageKey().equals(stage) && d.decision().equals("REJECT")
                            || d.decision().equals("SEND_BACK") && index.getOrDefault(d.stageKey(), -1) >= i))
                    .map(DecisionSource::decidedAt).max(Comparator.naturalOrder()).orElse(null);
        }

        /** When the round running at {@code at} started. */
        Instant start(String stage, Instant at) {
            StageSource row = rows.get(stage);
            Instant first = row == null ? null : row.startedAt();
            if (first == null) {
                return null;
            }
            List<String> before = template.stage(stage).map(template::prerequisites).orElse(List.of());
            Instant replay = decisions.stream().filter(d -> approves(d) && before.contains(d.stageKey())
                            && d.decidedAt().isAfter(first) && d.decidedAt().isBefore(at))
                    .map(DecisionSource::decidedAt).max(Comparator.naturalOrder()).orElse(null);
            Instant rework = lastRework(stage, at);
            return List.of(first, replay == null ? first : replay, rework == null || rework.isBefore(first) ? first : rework)
                    .stream().max(Comparator.naturalOrder()).orElse(first);
        }

        /** Rounds of the stage its own gate recycled. */
        int rejectedRounds(String stage) {
            return (int) decisions.stream().filter(d -> d.stageKey().equals(stage) && rejects(d)).map(DecisionSource::round)
                    .filter(Objects::nonNull).distinct().count();
        }

        int recycles(String stage) {
            return (int) decisions.stream().filter(d -> d.stageKey().equals(stage) && rejects(d)).count();
        }
    }
}
