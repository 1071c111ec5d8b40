package io.tollgate.engine.calendar;

import io.tollgate.engine.calendar.internal.WorkspaceCalendars;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Each workspace's calendar: read by timers and alerts, changed by the workspace's admins. */
@Service
@Transactional
public class CalendarService {

    /** At most this many holidays and as many make-up working days per calendar. */
    public static final int MAX_DATES = 2000;

    private final WorkspaceCalendars calendars;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CalendarService(WorkspaceCalendars calendars, ApplicationEventPublisher events, Clock clock) {
        this.calendars = calendars;
        this.events = events;
        this.clock = clock;
    }

    /** The calendar as the API shows and takes it. */
    public record CalendarView(String mode, List<String> workingDays, Hours hours, String zone, List<String> holidays,
                               List<String> workingWeekends) {
        static CalendarView of(WorkingTime t) {
            return new CalendarView(t.mode().name().toLowerCase(Locale.ROOT),
                    t.workingDays().stream().sorted().map(d -> d.name().substring(0, 3)).toList(),
                    new Hours(t.start().toString(), t.end().toString()), t.zone().getId(),
                    new TreeSet<>(t.holidays()).stream().map(LocalDate::toString).toList(),
                    new TreeSet<>(t.workingWeekends()).stream().map(LocalDate::toString).toList());
        }
    }

    /** The working day, {@code HH:mm} to {@code HH:mm}. */
    public record Hours(String start, String end) {
    }

    /** The workspace's time: its own calendar, or plain time where it has none. */
    @Transactional(readOnly = true)
    public WorkingTime time(String workspaceId) {
        return calendars.findById(workspaceId).map(WorkspaceCalendar::time).orElse(WorkingTime.PLAIN);
    }

    /** {@code amount} after {@code from} on the workspace's calendar. */
    @Transactional(readOnly = true)
    public Instant plus(String workspaceId, Instant from, Duration amount) {
        return time(workspaceId).plus(from, amount);
    }

    /**
     * The moment {@code before} ahead of {@code from + amount}, both counted on the workspace's calendar
     * (a reminder before a due date); {@code from} itself when {@code before} is not shorter.
     */
    @Transactional(readOnly = true)
    public Instant plusLessBefore(String workspaceId, Instant from, Duration amount, Duration before) {
        WorkingTime time = time(workspaceId);
        Duration left = time.working(amount).minus(time.working(before));
        return time.plusWorking(from, left.isNegative() ? Duration.ZERO : left);
    }

    @Transactional(readOnly = true)
    public CalendarView view(Actor actor) {
        return CalendarView.of(time(actor.workspaceId()));
    }

    /** Replaces the calendar of the caller's workspace (admins). */
    public CalendarView replace(CalendarView body, Actor actor) {
        requireAdmin(actor);
        if (body == null) {
            throw Problems.badRequest("invalid-calendar", "Send the calendar as JSON.");
        }
        WorkingTime time = parse(body);
        return CalendarView.of(save(actor, time));
    }

    /** Adds holidays (dates, {@code yyyy-MM-dd}) to the caller's calendar (admins). */
    public CalendarView importHolidays(Collection<String> dates, Actor actor) {
        requireAdmin(actor);
        WorkingTime now = time(actor.workspaceId());
        Set<LocalDate> holidays = new TreeSet<>(now.holidays());
        holidays.addAll(dates(dates, "holidays"));
        if (holidays.size() > MAX_DATES) {
            throw Problems.badRequest("invalid-calendar", "A calendar holds at most " + MAX_DATES + " holidays.");
        }
        WorkingTime next = new WorkingTime(now.mode(), now.workingDays(), now.start(), now.end(), now.zone(),
                holidays, now.workingWeekends());
        return CalendarView.of(save(actor, next));
    }

    private WorkingTime save(Actor actor, WorkingTime time) {
        WorkspaceCalendar row = calendars.findById(actor.workspaceId()).orElse(null);
        if (row == null) {
            calendars.save(new WorkspaceCalendar(actor.workspaceId(), time));
        } else {
            row.change(time);
        }
        events.publishEvent(new CalendarEvents.CalendarChanged(actor.workspaceId(), actor.username(),
                time.mode().name().toLowerCase(Locale.ROOT), time.holidays().size(), time.workingWeekends().size(),
                clock.instant()));
        return time;
    }

    private static WorkingTime parse(CalendarView body) {
        WorkingTime.Mode mode;
        String given = body.mode() == null ? "calendar" : body.mode().trim().toLowerCase(Locale.ROOT);
        switch (given) {
            case "calendar" -> mode = WorkingTime.Mode.CALENDAR;
            case "working" -> mode = WorkingTime.Mode.WORKING;
            default -> throw Problems.badRequest("invalid-calendar", "mode is 'calendar' (plain time) or 'working'.");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        List<String> givenDays = body.workingDays() == null ? List.of("MON", "TUE", "WED", "THU", "FRI") : body.workingDays();
        if (givenDays.size() > 7) {
            throw Problems.badRequest("invalid-calendar", "A week has seven days.");
        }
        for (String d : givenDays) {
            days.add(day(d));
        }
        LocalTime start = LocalTime.of(9, 0);
        LocalTime end = LocalTime.of(18, 0);
        if (body.hours() != null) {
            start = body.hours().start() == null ? start : clockTime(body.hours().start());
            end = body.hours().end() == null ? end : clockTime(body.hours().end());
        }
        if (!start.isBefore(end)) {
            throw Problems.badRequest("invalid-calendar", "The working day must start before it ends.");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(body.zone() == null ? "UTC" : bounded(body.zone(), 64, "zone"));
        } catch (DateTimeException e) {
            throw Problems.badRequest("invalid-calendar", "zone is a time zone such as Asia/Shanghai or UTC.");
        }
        List<LocalDate> holidays = dates(body.holidays() == null ? List.of() : body.holidays(), "holidays");
        List<LocalDate> weekends = dates(body.workingWeekends() == null ? List.of() : body.workingWeekends(),
                "workingWeekends");
        if (mode == WorkingTime.Mode.WORKING && days.isEmpty() && weekends.isEmpty()) {
            throw Problems.badRequest("invalid-calendar", "Working time needs at least one working day.");
        }
        return new WorkingTime(mode, days, start, end, zone, new TreeSet<>(holidays), new TreeSet<>(weekends));
    }

    private static DayOfWeek day(String d) {
        String s = d == null ? "" : d.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (s.length() >= 3 && day.name().startsWith(s) && (s.length() == 3 || s.equals(day.name()))) {
                return day;
            }
        }
        throw Problems.badRequest("invalid-calendar", "workingDays are MON, TUE, WED, THU, FRI, SAT or SUN.");
    }

    private static LocalTime clockTime(String t) {
        try {
            return LocalTime.parse(bounded(t, 8, "hours"));
        } catch (DateTimeException e) {
            throw Problems.badRequest("invalid-calendar", "hours are given as HH:mm, for example 09:00.");
        }
    }

    static List<LocalDate> dates(Collection<String> given, String what) {
        if (given.size() > MAX_DATES) {
            throw Problems.badRequest("invalid-calendar", what + ": at most " + MAX_DATES + " dates.");
        }
        List<LocalDate> out = new ArrayList<>();
        for (String g : given) {
            try {
                out.add(LocalDate.parse(bounded(g == null ? "" : g.trim(), 10, what)));
            } catch (DateTimeException e) {
                throw Problems.badRequest("invalid-calendar", what + ": '" + (g == null ? "" : g.trim())
                        + "' is not a date like 2026-10-01.");
            }
        }
        return out;
    }

    private static String bounded(String s, int max, String what) {
        if (s.length() > max) {
            throw Problems.badRequest("invalid-calendar", what + " is too long.");
        }
        return s;
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only workspace admins change the calendar.");
        }
    }
}
