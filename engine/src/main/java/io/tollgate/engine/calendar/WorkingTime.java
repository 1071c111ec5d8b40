package io.tollgate.engine.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Time as a workspace counts it: either plain time (24/7), or working time on working days between
 * the start and the end of the working day, in one zone. Holidays are days off even on a working
 * weekday; make-up working days ({@code workingWeekends}) are worked even on a day that is usually off.
 * A day of a duration is one working day (the length of the working day), an hour one working hour.
 */
public record WorkingTime(Mode mode, Set<DayOfWeek> workingDays, LocalTime start, LocalTime end, ZoneId zone,
                          Set<LocalDate> holidays, Set<LocalDate> workingWeekends) {

    /** {@code calendar}: plain time; {@code working}: working days and hours. */
    public enum Mode { CALENDAR, WORKING }

    /** Plain time in UTC, Monday to Friday 09:00-18:00 when switched to working time. */
    public static final WorkingTime PLAIN = new WorkingTime(Mode.CALENDAR,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0),
            ZoneId.of("UTC"), Set.of(), Set.of());

    /** How far a search for the next working day goes before it gives up (a calendar with no working day). */
    private static final int MAX_DAYS = 3700;

    public WorkingTime {
        workingDays = workingDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(workingDays);
        holidays = Set.copyOf(new TreeSet<>(holidays));
        workingWeekends = Set.copyOf(new TreeSet<>(workingWeekends));
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("The working day must start before it ends");
        }
        if (mode == Mode.WORKING && workingDays.isEmpty() && workingWeekends.isEmpty()) {
            throw new IllegalArgumentException("Working time needs at least one working day");
        }
    }

    public boolean working() {
        return mode == Mode.WORKING;
    }

    /** Whether people work on that day. */
    public boolean isWorkingDay(LocalDate day) {
        if (workingWeekends.contains(day)) {
            return true;
        }
        return !holidays.contains(day) && workingDays.contains(day.getDayOfWeek());
    }

    /** The length of one working day. */
    public Duration workingDay() {
        return Duration.between(start, end);
    }

    /**
     * The moment {@code amount} after {@code from}: plain addition in calendar mode; in working mode the
     * days of {@code amount} count as working days and the rest as working hours, and only working time
     * passes (a start outside working hours counts from the next working moment).
     */
    public Instant plus(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("Only forward durations count");
        }
        return plusWorking(from, working(amount));
    }

    /**
     * A duration as working time: in working mode its days become working days (each as long as the
     * working day) and the rest stays hours; in calendar mode it is unchanged.
     */
    public Duration working(Duration amount) {
        if (mode == Mode.CALENDAR) {
            return amount;
        }
        long days = amount.toDays();
        return workingDay().multipliedBy(days).plus(amount.minusDays(days));
    }

    /** The moment after {@code from} when {@code workingAmount} of working time has passed (plain time in calendar mode). */
    public Instant plusWorking(Instant from, Duration workingAmount) {
        if (workingAmount.isNegative()) {
            throw new IllegalArgumentException("Only forward durations count");
        }
        if (mode == Mode.CALENDAR) {
            return from.plus(workingAmount);
        }
        Duration left = workingAmount;
        ZonedDateTime at = from.atZone(zone);
        for (int i = 0; i < MAX_DAYS; i++) {
            LocalDate day = at.toLocalDate();
            if (isWorkingDay(day)) {
                ZonedDateTime dayStart = day.atTime(start).atZone(zone);
                ZonedDateTime dayEnd = day.atTime(end).atZone(zone);
                if (at.isBefore(dayStart)) {
                    at = dayStart;
                }
                if (at.isBefore(dayEnd)) {
                    Duration today = Duration.between(at, dayEnd);
                    if (left.compareTo(today) <= 0) {
                        return at.plus(left).toInstant();
                    }
                    left = left.minus(today);
                }
            }
            at = day.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("No working day within " + MAX_DAYS + " days");
    }

    /** Whether {@code at} falls inside working time (always, in calendar mode). */
    public boolean isWorkingTime(Instant at) {
        if (mode == Mode.CALENDAR) {
            return true;
        }
        ZonedDateTime z = at.atZone(zone);
        LocalTime t = z.toLocalTime();
        return isWorkingDay(z.toLocalDate()) && !t.isBefore(start) && t.isBefore(end);
    }

    /**
     * How many working days lie between two moments (0 when {@code to} is not after {@code from}): in
     * working mode the working time between them divided by the working day; in calendar mode the time
     * between them that falls on working days, divided by 24 hours. Either way weekends and holidays
     * do not count, so three working days late stays three across a weekend.
     */
    public double workingDaysBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        Duration dayLength = mode == Mode.WORKING ? workingDay() : Duration.ofDays(1);
        LocalDate day = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        Duration total = Duration.ZERO;
        for (int i = 0; i < MAX_DAYS && !day.isAfter(last); i++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant open = mode == Mode.WORKING ? day.atTime(start).atZone(zone).toInstant() : day.atStartOfDay(zone).toInstant();
            Instant close = mode == Mode.WORKING ? day.atTime(end).atZone(zone).toInstant()
                    : day.plusDays(1).atStartOfDay(zone).toInstant();
            Instant a = open.isAfter(from) ? open : from;
            Instant b = close.isBefore(to) ? close : to;
            if (b.isAfter(a)) {
                total = total.plus(Duration.between(a, b));
            }
        }
        return total.toMillis() / (double) dayLength.toMillis();
    }
}
