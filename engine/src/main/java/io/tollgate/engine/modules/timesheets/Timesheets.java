package io.tollgate.engine.modules.timesheets;

import io.tollgate.engine.modules.ModuleActivity;
import io.tollgate.engine.modules.ProjectManagers;
import io.tollgate.engine.modules.timesheets.internal.TimesheetEntries;
import io.tollgate.engine.modules.timesheets.internal.TimesheetWeeks;
import io.tollgate.engine.project.Project;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Hours worked on the projects the caller can see. Each person enters their own hours, per day and
 * stage (optionally a task of it), and submits each week; the project's manager approves or returns
 * it. A submitted or approved week no longer changes; a returned one can be fixed and submitted again.
 */
@Service
@Transactional
public class Timesheets {

    static final BigDecimal DAY = BigDecimal.valueOf(24);
    static final int NOTE_MAX = 500;
    static final int COMMENT_MAX = 1000;

    private final TimesheetEntries entries;
    private final TimesheetWeeks weeks;
    private final ProjectService projects;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Timesheets(TimesheetEntries entries, TimesheetWeeks weeks, ProjectService projects, ApplicationEventPublisher events,
               Clock clock) {
        this.entries = entries;
        this.weeks = weeks;
        this.projects = projects;
        this.events = events;
        this.clock = clock;
    }

    /** The Monday a day's week starts on. */
    public static LocalDate weekOf(LocalDate day) {
        return day.with(DayOfWeek.MONDAY);
    }

    /** Hours as they are entered: a day, a stage key, optionally a task key of that stage, hours and a note. */
    public record EntryInput(LocalDate date, String stage, String task, BigDecimal hours, String note) {
    }

    public record EntryView(String id, String user, LocalDate date, String stage, String task, BigDecimal hours,
                            String note) {
        static EntryView of(TimesheetEntry e) {
            return new EntryView(e.id(), e.username(), e.workDate(), e.stageKey(), e.taskKey(), e.hours(), e.note());
        }
    }

    /** One person's week: its status ({@code draft}, {@code submitted}, {@code approved}, {@code returned}) and entries. */
    public record WeekView(String user, LocalDate weekStart, String status, BigDecimal total, String decidedBy,
                           String comment, List<EntryView> entries) {
    }

    /** Hours of a project in total, per stage and per person; {@code approved} counts approved weeks only. */
    public record Totals(BigDecimal total, BigDecimal approved, List<Line> byStage, List<Line> byPerson) {
        public record Line(String key, String name, BigDecimal hours, BigDecimal approved) {
        }
    }

    /** Approved hours of one person on one stage: what the budget module costs. */
    public record ApprovedHours(String user, String stage, BigDecimal hours) {
    }

    @Transactional(readOnly = true)
    public WeekView week(String projectId, LocalDate weekStart, String user, Actor actor) {
        Project project = projects.load(projectId, actor);
        monday(weekStart);
        String who = user == null || user.isBlank() ? actor.username() : user.trim();
        if (!who.equals(actor.username()) && !ProjectManagers.manages(project, actor)) {
            throw Problems.forbidden("Only the project manager or an admin sees another person's timesheet.");
        }
        return view(projectId, who, weekStart);
    }

    /** The weeks submitted, approved or returned: all of them for the manager, the caller's own for anyone else. */
    @Transactional(readOnly = true)
    public List<WeekView> weeks(String projectId, String status, Actor actor) {
        Project project = projects.load(projectId, actor);
        boolean manager = ProjectManagers.manages(project, actor);
        TimesheetWeek.Status wanted = status == null || status.isBlank() ? null : parseStatus(status);
        return weeks.findByProjectIdOrderByWeekStartDescUsernameAsc(projectId).stream()
                .filter(w -> manager || w.username().equals(actor.username()))
                .filter(w -> wanted == null || w.status() == wanted)
                .map(w -> view(projectId, w.username(), w.weekStart()))
                .toList();
    }

    public EntryView add(String projectId, EntryInput input, Actor actor) {
        Project project = projects.load(projectId, actor);
        project.assertActive();
        Template template = projects.template(projectId);
        List<Problems.FieldError> errors = new ArrayList<>();
        if (input == null) {
            throw Problems.invalidFields("Send the hours.", List.of(new Problems.FieldError("hours", "Required.")));
        }
        if (input.date() == null) {
            errors.add(new Problems.FieldError("date", "The day is required."));
        } else if (input.date().isAfter(LocalDate.now(clock).plusDays(1))) {
            errors.add(new Problems.FieldError("date", "Hours cannot be entered for a day still to come."));
        } else if (input.date().isBefore(LocalDate.now(clock).minusYears(1))) {
            errors.add(new Problems.FieldError("date", "Hours older than a year cannot be entered."));
        }
        Stage stage = null;
        if (input.stage() == null || input.stage().isBlank()) {
            errors.add(new Problems.FieldError("stage", "The stage is required."));
        } else {
            stage = template.stage(input.stage()).orElse(null);
            if (stage == null) {
                errors.add(new Problems.FieldError("stage", "There is no stage '" + cut(input.stage()) + "' in this project."));
            }
        }
        String task = input.task() == null || input.task().isBlank() ? null : input.task().trim();
        if (task != null && stage != null && stage.task(task).isEmpty()) {
            errors.add(new Problems.FieldError("task", "Stage '" + stage.key() + "' has no task '" + cut(task) + "'."));
        }
        BigDecimal hours = input.hours();
        if (hours == null) {
            errors.add(new Problems.FieldError("hours", "The hours are required."));
        } else if (hours.signum() <= 0 || hours.compareTo(DAY) > 0 || hours.stripTrailingZeros().scale() > 2) {
            errors.add(new Problems.FieldError("hours", "Hours are more than 0 and at most 24, in hundredths at most."));
        }
        if (input.note() != null && input.note().length() > NOTE_MAX) {
            errors.add(new Problems.FieldError("note", "At most " + NOTE_MAX + " characters."));
        }
        if (errors.isEmpty() && entries.hoursOn(actor.username(), input.date()).add(hours).compareTo(DAY) > 0) {
            errors.add(new Problems.FieldError("hours", "A day has at most 24 hours: " + input.date() + " already has "
                    + entries.hoursOn(actor.username(), input.date()).stripTrailingZeros().toPlainString() + "."));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The hours have invalid values.", errors);
        }
        assertOpen(projectId, actor.username(), weekOf(input.date()));
        TimesheetEntry entry = entries.save(new TimesheetEntry(UUID.randomUUID().toString(), projectId, actor.username(),
                input.date(), stage.key(), task, hours.setScale(2, RoundingMode.UNNECESSARY),
                input.note() == null || input.note().isBlank() ? null : input.note().trim(), clock.instant()));
        events.publishEvent(new ModuleActivity.TimesheetEntrySaved(actor.workspaceId(), projectId, actor.username(),
                entry.workDate(), entry.stageKey(), entry.taskKey(), entry.hours(), entry.createdAt()));
        return EntryView.of(entry);
    }

    public void remove(String projectId, String entryId, Actor actor) {
        projects.load(projectId, actor);
        TimesheetEntry entry = entries.findById(entryId)
                .filter(e -> e.projectId().equals(projectId) && e.username().equals(actor.username()))
                .orElseThrow(() -> Problems.notFound("timesheet-entry", "You have no entry '" + cut(entryId) + "' here."));
        assertOpen(projectId, actor.username(), entry.weekStart());
        entries.delete(entry);
        events.publishEvent(new ModuleActivity.TimesheetEntryRemoved(actor.workspaceId(), projectId, actor.username(),
                entry.workDate(), entry.stageKey(), entry.hours(), clock.instant()));
    }

    /** The caller hands in their week of this project for approval. */
    public WeekView submit(String projectId, LocalDate weekStart, Actor actor) {
        projects.load(projectId, actor).assertActive();
        monday(weekStart);
        if (entries.findByProjectIdAndUsernameAndWeekStartOrderByWorkDateAscCreatedAtAsc(projectId, actor.username(),
                weekStart).isEmpty()) {
            throw Problems.conflict("timesheet-empty", "This week has no hours to submit.");
        }
        TimesheetWeek week = weekRow(projectId, actor.username(), weekStart);
        if (!week.open()) {
            throw Problems.conflict("timesheet-week-closed", "This week is already " + lower(week.status()) + ".");
        }
        week.submit(clock.instant());
        weeks.save(week);
        WeekView view = view(projectId, actor.username(), weekStart);
        events.publishEvent(new ModuleActivity.TimesheetWeekSubmitted(actor.workspaceId(), projectId, actor.username(),
                weekStart, view.total(), clock.instant()));
        return view;
    }

    /** The project manager approves a submitted week, or returns it with a comment. */
    public WeekView decide(String projectId, LocalDate weekStart, String user, boolean approve, String comment,
                           Actor actor) {
        Project project = projects.load(projectId, actor);
        monday(weekStart);
        if (!ProjectManagers.manages(project, actor)) {
            throw Problems.forbidden("Only the project manager or an admin approves or returns a timesheet.");
        }
        if (user == null || user.isBlank()) {
            throw Problems.invalidFields("Say whose week.", List.of(new Problems.FieldError("user", "Required.")));
        }
        if (comment != null && comment.length() > COMMENT_MAX) {
            throw Problems.invalidFields("The comment is too long.",
                    List.of(new Problems.FieldError("comment", "At most " + COMMENT_MAX + " characters.")));
        }
        if (!approve && (comment == null || comment.isBlank())) {
            throw Problems.invalidFields("Say why the week goes back.",
                    List.of(new Problems.FieldError("comment", "A returned week needs a comment.")));
        }
        TimesheetWeek week = weeks.findByProjectIdAndUsernameAndWeekStart(projectId, user.trim(), weekStart)
                .filter(w -> w.status() == TimesheetWeek.Status.SUBMITTED)
                .orElseThrow(() -> Problems.conflict("timesheet-not-submitted",
                        "There is no submitted week of " + cut(user) + " starting " + weekStart + "."));
        week.decide(approve, actor.username(), comment == null || comment.isBlank() ? null : comment.trim(), clock.instant());
        events.publishEvent(new ModuleActivity.TimesheetWeekDecided(actor.workspaceId(), projectId, actor.username(),
                week.username(), weekStart, approve, week.comment(), clock.instant()));
        return view(projectId, week.username(), weekStart);
    }

    @Transactional(readOnly = true)
    public Totals totals(String projectId, Actor actor) {
        projects.load(projectId, actor);
        Template template = projects.template(projectId);
        List<TimesheetEntry> all = entries.findByProjectIdOrderByWorkDateAscUsernameAscCreatedAtAsc(projectId);
        Map<String, TimesheetWeek.Status> status = weekStatuses(projectId);
        Function<TimesheetEntry, Boolean> approved = e ->
                status.get(e.username() + "|" + e.weekStart()) == TimesheetWeek.Status.APPROVED;
        List<Totals.Line> byStage = new ArrayList<>();
        for (Stage s : template.stages()) {
            List<TimesheetEntry> of = all.stream().filter(e -> e.stageKey().equals(s.key())).toList();
            if (!of.isEmpty()) {
                byStage.add(new Totals.Line(s.key(), s.label(), sum(of), sum(of.stream().filter(approved::apply).toList())));
            }
        }
        Map<String, List<TimesheetEntry>> people = all.stream()
                .collect(Collectors.groupingBy(TimesheetEntry::username, TreeMap::new, Collectors.toList()));
        List<Totals.Line> byPerson = people.entrySet().stream()
                .map(p -> new Totals.Line(p.getKey(), p.getKey(), sum(p.getValue()),
                        sum(p.getValue().stream().filter(approved::apply).toList())))
                .toList();
        return new Totals(sum(all), sum(all.stream().filter(approved::apply).toList()), byStage, byPerson);
    }

    /** Every entry of the project with its week's status, for the manager's export. */
    @Transactional(readOnly = true)
    public List<Map.Entry<EntryView, String>> export(String projectId, Actor actor) {
        Project project = projects.load(projectId, actor);
        if (!ProjectManagers.manages(project, actor)) {
            throw Problems.forbidden("Only the project manager or an admin exports the project's timesheets.");
        }
        Map<String, TimesheetWeek.Status> status = weekStatuses(projectId);
        return entries.findByProjectIdOrderByWorkDateAscUsernameAscCreatedAtAsc(projectId).stream()
                .map(e -> Map.entry(EntryView.of(e), lower(status.getOrDefault(e.username() + "|" + e.weekStart(),
                        TimesheetWeek.Status.DRAFT))))
                .toList();
    }

    /** Approved hours of a project per person and stage, for costing; no permission check (the caller did it). */
    @Transactional(readOnly = true)
    public List<ApprovedHours> approvedHours(String projectId) {
        Map<String, TimesheetWeek.Status> status = weekStatuses(projectId);
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (TimesheetEntry e : entries.findByProjectIdOrderByWorkDateAscUsernameAscCreatedAtAsc(projectId)) {
            if (status.get(e.username() + "|" + e.weekStart()) == TimesheetWeek.Status.APPROVED) {
                sums.merge(e.username() + "|" + e.stageKey(), e.hours(), BigDecimal::add);
            }
        }
        return sums.entrySet().stream().map(s -> {
            String[] key = s.getKey().split("\\|", 2);
            return new ApprovedHours(key[0], key[1], s.getValue());
        }).toList();
    }

    private Map<String, TimesheetWeek.Status> weekStatuses(String projectId) {
        return weeks.findByProjectIdOrderByWeekStartDescUsernameAsc(projectId).stream()
                .collect(Collectors.toMap(w -> w.username() + "|" + w.weekStart(), TimesheetWeek::status));
    }

    private WeekView view(String projectId, String user, LocalDate weekStart) {
        List<EntryView> list = entries.findByProjectIdAndUsernameAndWeekStartOrderByWorkDateAscCreatedAtAsc(projectId,
                user, weekStart).stream().map(EntryView::of).toList();
        TimesheetWeek week = weeks.findByProjectIdAndUsernameAndWeekStart(projectId, user, weekStart).orElse(null);
        BigDecimal total = list.stream().map(EntryView::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new WeekView(user, weekStart, week == null ? "draft" : lower(week.status()), total,
                week == null ? null : week.decidedBy(), week == null ? null : week.comment(), list);
    }

    private void assertOpen(String projectId, String user, LocalDate weekStart) {
        weeks.findByProjectIdAndUsernameAndWeekStart(projectId, user, weekStart).filter(w -> !w.open()).ifPresent(w -> {
            throw Problems.conflict("timesheet-week-closed", "The week of " + weekStart + " is " + lower(w.status())
                    + ": its hours no longer change.");
        });
    }

    private TimesheetWeek weekRow(String projectId, String user, LocalDate weekStart) {
        return weeks.findByProjectIdAndUsernameAndWeekStart(projectId, user, weekStart)
                .orElseGet(() -> new TimesheetWeek(UUID.randomUUID().toString(), projectId, user, weekStart));
    }

    private static void monday(LocalDate weekStart) {
        if (weekStart.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw Problems.badRequest("week-start", "A week starts on a Monday; " + weekStart + " is a "
                    + weekStart.getDayOfWeek().name().toLowerCase(Locale.ROOT) + ".");
        }
    }

    private static TimesheetWeek.Status parseStatus(String status) {
        try {
            return TimesheetWeek.Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("timesheet-status", "status is draft, submitted, approved or returned.");
        }
    }

    private static BigDecimal sum(List<TimesheetEntry> list) {
        return list.stream().map(TimesheetEntry::hours).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static String lower(TimesheetWeek.Status s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static String cut(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
