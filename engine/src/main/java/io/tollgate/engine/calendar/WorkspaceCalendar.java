package io.tollgate.engine.calendar;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The calendar of one workspace, as stored. */
@Entity
@Table(name = "workspace_calendar")
public class WorkspaceCalendar {

    @Id
    private String workspaceId;
    private String mode;
    private String workingDays;
    private String dayStart;
    private String dayEnd;
    private String zone;
    private String holidays;
    private String workingWeekends;
    @Version
    private long rowVersion;

    protected WorkspaceCalendar() {
    }

    public WorkspaceCalendar(String workspaceId, WorkingTime time) {
        this.workspaceId = workspaceId;
        change(time);
    }

    /** Takes the settings of {@code time}. */
    public void change(WorkingTime time) {
        mode = time.mode().name().toLowerCase();
        workingDays = time.workingDays().stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(","));
        dayStart = time.start().toString();
        dayEnd = time.end().toString();
        zone = time.zone().getId();
        holidays = joined(time.holidays());
        workingWeekends = joined(time.workingWeekends());
    }

    public WorkingTime time() {
        return new WorkingTime(WorkingTime.Mode.valueOf(mode.toUpperCase()),
                split(workingDays).stream().map(DayOfWeek::valueOf).collect(Collectors.toSet()),
                LocalTime.parse(dayStart), LocalTime.parse(dayEnd), ZoneId.of(zone),
                split(holidays).stream().map(LocalDate::parse).collect(Collectors.toSet()),
                split(workingWeekends).stream().map(LocalDate::parse).collect(Collectors.toSet()));
    }

    public String workspaceId() { return workspaceId; }

    private static String joined(Collection<LocalDate> days) {
        return new TreeSet<>(days).stream().map(LocalDate::toString).collect(Collectors.joining(","));
    }

    private static Set<String> split(String s) {
        return s == null || s.isBlank() ? Set.of()
                : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toSet());
    }
}
