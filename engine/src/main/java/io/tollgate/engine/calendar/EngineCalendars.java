package io.tollgate.engine.calendar;

import org.flowable.common.engine.impl.calendar.BusinessCalendar;
import org.flowable.common.engine.impl.calendar.BusinessCalendarManager;
import org.flowable.common.engine.impl.calendar.CycleBusinessCalendar;
import org.flowable.common.engine.impl.calendar.DueDateBusinessCalendar;
import org.flowable.common.engine.impl.calendar.DurationBusinessCalendar;
import org.flowable.common.engine.impl.calendar.MapBusinessCalendarManager;
import org.flowable.common.engine.impl.runtime.ClockReader;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Calendar;
import java.util.Date;
import java.util.TimeZone;

/**
 * The engine's business calendars: {@code tollgate:<workspaceId>} (the calendar name of every SLA
 * timer the compiler writes) resolves to that workspace's calendar; Flowable's own names keep their
 * meaning. A workspace on plain time gets Flowable's duration calendar.
 */
@Configuration
class EngineCalendars {

    static final String PREFIX = "tollgate:";

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> tollgateCalendars(CalendarService calendars) {
        return configuration -> {
            // the engine's clock is set later (by its own start, or by tests that move time), so read it late
            ClockReader clock = new EngineClock(configuration);
            MapBusinessCalendarManager standard = new MapBusinessCalendarManager();
            standard.addBusinessCalendar(DurationBusinessCalendar.NAME, new DurationBusinessCalendar(clock));
            standard.addBusinessCalendar(DueDateBusinessCalendar.NAME, new DueDateBusinessCalendar(clock));
            standard.addBusinessCalendar(CycleBusinessCalendar.NAME, new CycleBusinessCalendar(clock));
            configuration.setBusinessCalendarManager(new WorkspaceCalendars(standard, calendars, clock));
        };
    }

    /** Resolves {@code tollgate:<workspaceId>}; anything else goes to Flowable's calendars. */
    static final class WorkspaceCalendars implements BusinessCalendarManager {
        private final BusinessCalendarManager standard;
        private final CalendarService calendars;
        private final ClockReader clock;

        WorkspaceCalendars(BusinessCalendarManager standard, CalendarService calendars, ClockReader clock) {
            this.standard = standard;
            this.calendars = calendars;
            this.clock = clock;
        }

        @Override
        public BusinessCalendar getBusinessCalendar(String name) {
            if (name == null || !name.startsWith(PREFIX)) {
                return standard.getBusinessCalendar(name);
            }
            String workspace = name.substring(PREFIX.length());
            WorkingTime time = workspace.isEmpty() ? WorkingTime.PLAIN : calendars.time(workspace);
            if (!time.working()) {
                return standard.getBusinessCalendar(DurationBusinessCalendar.NAME);
            }
            return new Working(time, clock, standard.getBusinessCalendar(DurationBusinessCalendar.NAME));
        }
    }

    /** Durations counted in working time; anything that is not a plain duration goes to Flowable's own. */
    static final class Working implements BusinessCalendar {
        private final WorkingTime time;
        private final ClockReader clock;
        private final BusinessCalendar fallback;

        Working(WorkingTime time, ClockReader clock, BusinessCalendar fallback) {
            this.time = time;
            this.clock = clock;
            this.fallback = fallback;
        }

        @Override
        public Date resolveDuedate(String description) {
            return resolveDuedate(description, -1);
        }

        @Override
        public Date resolveDuedate(String description, int maxIterations) {
            try {
                Duration amount = Duration.parse(description.trim());
                return Date.from(time.plus(clock.getCurrentTime().toInstant(), amount));
            } catch (DateTimeParseException | ArithmeticException e) {
                return fallback.resolveDuedate(description, maxIterations);
            }
        }

        @Override
        public Boolean validateDuedate(String description, int maxIterations, Date endDate, Date newTimer) {
            return fallback.validateDuedate(description, maxIterations, endDate, newTimer);
        }

        @Override
        public Date resolveEndDate(String endDate) {
            return fallback.resolveEndDate(endDate);
        }
    }

    /** The engine configuration's clock, read at each call. */
    private record EngineClock(SpringProcessEngineConfiguration configuration) implements ClockReader {
        @Override
        public Date getCurrentTime() {
            return configuration.getClock().getCurrentTime();
        }

        @Override
        public Calendar getCurrentCalendar() {
            return configuration.getClock().getCurrentCalendar();
        }

        @Override
        public Calendar getCurrentCalendar(TimeZone zone) {
            return configuration.getClock().getCurrentCalendar(zone);
        }

        @Override
        public TimeZone getCurrentTimeZone() {
            return configuration.getClock().getCurrentTimeZone();
        }
    }
}
