package io.tollgate.engine.calendar;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingTimeTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Mainland China 2026: National Day 1-7 October off, Sunday 20 September and Saturday 10 October worked. */
    static WorkingTime china2026() {
        Set<LocalDate> nationalDay = Stream.iterate(LocalDate.of(2026, 10, 1), d -> d.plusDays(1)).limit(7)
                .collect(Collectors.toSet());
        return new WorkingTime(WorkingTime.Mode.WORKING, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0), LocalTime.of(18, 0), SHANGHAI, nationalDay,
                Set.of(LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 10)));
    }

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void twoWorkingDaysFromFridaySkipTheWeekend() {
        assertThat(china2026().plus(at("2026-11-20T10:00"), Duration.ofDays(2))).isEqualTo(at("2026-11-24T10:00"));
    }

    @Test
    void twoWorkingDaysOverNationalDayLandAfterTheMakeUpSaturday() {
        // Wednesday 30 September: the holiday week is off, Saturday 10 October is worked
        WorkingTime china = china2026();
        assertThat(china.plus(at("2026-09-30T10:00"), Duration.ofDays(1))).isEqualTo(at("2026-10-08T10:00"));
        assertThat(china.plus(at("2026-09-30T10:00"), Duration.ofDays(2))).isEqualTo(at("2026-10-09T10:00"));
        assertThat(china.plus(at("2026-09-30T10:00"), Duration.ofDays(3))).as("the make-up Saturday counts")
                .isEqualTo(at("2026-10-10T10:00"));
        assertThat(china.plus(at("2026-09-30T10:00"), Duration.ofDays(4))).isEqualTo(at("2026-10-12T10:00"));
    }

    @Test
    void theMakeUpSundayBeforeTheHolidayIsAWorkingDay() {
        WorkingTime china = china2026();
        assertThat(china.isWorkingDay(LocalDate.of(2026, 9, 20))).isTrue();
        assertThat(china.isWorkingDay(LocalDate.of(2026, 9, 19))).isFalse();
        assertThat(china.isWorkingDay(LocalDate.of(2026, 10, 5))).as("a Monday of the holiday").isFalse();
        assertThat(china.plus(at("2026-09-18T17:00"), Duration.ofHours(2))).isEqualTo(at("2026-09-20T10:00"));
    }

    @Test
    void hoursCountOnlyWithinTheWorkingDay() {
        WorkingTime china = china2026();
        assertThat(china.plus(at("2026-11-23T16:00"), Duration.ofHours(4))).isEqualTo(at("2026-11-24T11:00"));
        assertThat(china.plus(at("2026-11-23T16:00"), Duration.ofHours(2))).as("up to the end of the day")
                .isEqualTo(at("2026-11-23T18:00"));
    }

    @Test
    void aStartOutsideWorkingHoursCountsFromTheNextWorkingMoment() {
        WorkingTime china = china2026();
        assertThat(china.plus(at("2026-11-21T23:30"), Duration.ofHours(1))).as("Saturday night")
                .isEqualTo(at("2026-11-23T10:00"));
        assertThat(china.plus(at("2026-11-23T07:00"), Duration.ofDays(1))).isEqualTo(at("2026-11-23T18:00"));
        assertThat(china.plus(at("2026-11-23T19:00"), Duration.ZERO)).isEqualTo(at("2026-11-24T09:00"));
    }

    @Test
    void aDayOfADurationIsOneWorkingDay() {
        WorkingTime china = china2026();
        assertThat(china.working(Duration.ofDays(1).plusHours(2))).isEqualTo(Duration.ofHours(11));
        assertThat(china.plusWorking(at("2026-11-23T10:00"), Duration.ofHours(5))).isEqualTo(at("2026-11-23T15:00"));
        assertThat(WorkingTime.PLAIN.working(Duration.ofDays(1))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void plainTimeIsPlainAddition() {
        Instant friday = at("2026-11-20T10:00");
        assertThat(WorkingTime.PLAIN.plus(friday, Duration.ofDays(2))).isEqualTo(friday.plus(Duration.ofHours(48)));
        assertThat(WorkingTime.PLAIN.isWorkingTime(at("2026-11-22T03:00"))).isTrue();
    }

    @Test
    void workingTimeIsKnownByTheMoment() {
        WorkingTime china = china2026();
        assertThat(china.isWorkingTime(at("2026-11-23T09:00"))).isTrue();
        assertThat(china.isWorkingTime(at("2026-11-23T18:00"))).isFalse();
        assertThat(china.isWorkingTime(at("2026-10-02T10:00"))).isFalse();
    }

    @Test
    void refusesACalendarWithoutWorkingTime() {
        assertThatThrownBy(() -> new WorkingTime(WorkingTime.Mode.WORKING, EnumSet.noneOf(DayOfWeek.class),
                LocalTime.of(9, 0), LocalTime.of(18, 0), SHANGHAI, Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkingTime(WorkingTime.Mode.WORKING, EnumSet.of(DayOfWeek.MONDAY),
                LocalTime.of(18, 0), LocalTime.of(9, 0), SHANGHAI, Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> china2026().plus(at("2026-11-23T10:00"), Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workingDaysBetweenSkipWeekendsAndHolidays() {
        WorkingTime china = china2026();
        // Friday 10:00 to the next Wednesday 10:00: Friday 8 h, Monday 9 h, Tuesday 9 h, Wednesday 1 h
        assertThat(china.workingDaysBetween(at("2026-11-20T10:00"), at("2026-11-25T10:00"))).isEqualTo(3.0);
        // across National Day: Wednesday 30 September 18:00 to Thursday 8 October 18:00 is one working day
        assertThat(china.workingDaysBetween(at("2026-09-30T18:00"), at("2026-10-08T18:00"))).isEqualTo(1.0);
        // the make-up Saturday 10 October counts
        assertThat(china.workingDaysBetween(at("2026-10-09T18:00"), at("2026-10-10T13:30"))).isEqualTo(0.5);
        assertThat(china.workingDaysBetween(at("2026-11-25T10:00"), at("2026-11-20T10:00"))).as("backwards").isZero();
    }

    @Test
    void inPlainTimeWholeWorkingDaysCount() {
        Instant friday = Instant.parse("2026-11-20T10:00:00Z");
        assertThat(WorkingTime.PLAIN.workingDaysBetween(friday, Instant.parse("2026-11-25T10:00:00Z"))).isEqualTo(3.0);
        assertThat(WorkingTime.PLAIN.workingDaysBetween(friday, Instant.parse("2026-11-21T10:00:00Z")))
                .as("Saturday does not count").isEqualTo(14 / 24.0);
        assertThat(WorkingTime.PLAIN.workingDaysBetween(Instant.parse("2026-11-23T00:00:00Z"),
                Instant.parse("2026-11-23T12:00:00Z"))).isEqualTo(0.5);
    }
}
