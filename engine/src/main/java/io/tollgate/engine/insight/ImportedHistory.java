package io.tollgate.engine.insight;

import io.tollgate.engine.calendar.CalendarService;
import io.tollgate.engine.insight.internal.HistoryRows;
import io.tollgate.engine.insight.internal.InsightTables;
import io.tollgate.engine.project.ProjectEvents;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.modeler.model.Template;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Projects imported from an earlier tool enter the dashboard's read model in the import's transaction,
 * as finished projects do: their cycle, whether they kept the target their template's planned durations
 * give, the week they count in, each stage's cycle and each piece of work's handling time. Their
 * stages' durations then feed the forecast of the template's running projects.
 */
@Component
class ImportedHistory {

    private final HistoryRows rows;
    private final ProjectService projects;
    private final ProjectInsight insight;
    private final CalendarService calendars;

    ImportedHistory(HistoryRows rows, ProjectService projects, ProjectInsight insight, CalendarService calendars) {
        this.rows = rows;
        this.projects = projects;
        this.insight = insight;
        this.calendars = calendars;
    }

    @EventListener
    void on(ProjectEvents.HistoryImported e) {
        ZoneId zone = calendars.time(e.workspaceId()).zone();
        Map<String, Optional<Template>> templates = new HashMap<>();
        List<HistoryRows.ProjectRow> projectRows = new ArrayList<>();
        List<HistoryRows.StageRow> stageRows = new ArrayList<>();
        List<HistoryRows.WorkRow> workRows = new ArrayList<>();
        for (ProjectEvents.ImportedProject p : e.projects()) {
            Template template = templates.computeIfAbsent(p.templateKey() + "@" + p.templateVersion(),
                    k -> Optional.of(projects.template(p.projectId()))).orElseThrow();
            Instant target = insight.target(e.workspaceId(), template, p.createdAt());
            boolean completed = p.status().equals("completed");
            projectRows.add(new HistoryRows.ProjectRow(p.projectId(), e.workspaceId(), p.templateKey(), p.name(),
                    p.status(), p.createdAt(), target, p.completedAt(),
                    completed ? p.completedAt().atZone(zone).toLocalDate()
                            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : null,
                    completed ? InsightTables.hours(p.createdAt(), p.completedAt()) : null,
                    completed && target != null ? !p.completedAt().isAfter(target) : null, p.reworkCount()));
            for (ProjectEvents.ImportedStage s : p.stages()) {
                stageRows.add(new HistoryRows.StageRow(p.projectId(), s.stageKey(), e.workspaceId(), p.templateKey(),
                        s.seq(), s.name(), s.status(), s.startedAt(), s.completedAt(),
                        s.startedAt() == null ? null : InsightTables.hours(s.startedAt(), s.completedAt()), s.rounds(),
                        s.reworkCount(), p.createdAt()));
            }
            for (ProjectEvents.ImportedWork w : p.work()) {
                workRows.add(new HistoryRows.WorkRow(UUID.randomUUID().toString(), e.workspaceId(), p.projectId(),
                        p.templateKey(), w.stageKey(), w.user(), w.approval() ? "approval" : "task", w.completedAt(),
                        InsightTables.hours(w.openedAt(), w.completedAt())));
            }
        }
        rows.insert(projectRows, stageRows, workRows);
    }
}
