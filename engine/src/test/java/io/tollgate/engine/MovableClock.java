package io.tollgate.engine;

import org.flowable.common.engine.impl.runtime.Clock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Date;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Time for tests that drive timers: real time plus an offset the test moves forward. Tollgate reads
 * it as its {@link java.time.Clock} and the engine as its own clock, so due dates, timers and health
 * all see the same moment, and the engine's async executor fires timers as it would in production.
 */
public final class MovableClock extends java.time.Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Tollgate's clock is UTC");
    }

    /** Moves time forward for Tollgate and the engine alike. */
    public void advance(Duration by) {
        offset.updateAndGet(d -> d.plus(by));
    }

    /** The same time, as the engine's clock. */
    public Clock forEngine() {
        return new Clock() {
            @Override
            public void setCurrentTime(Date time) {
                offset.set(Duration.between(Instant.now(), time.toInstant()));
            }

            @Override
            public void setCurrentCalendar(Calendar time) {
                setCurrentTime(time.getTime());
            }

            @Override
            public void reset() {
                offset.set(Duration.ZERO);
            }

            @Override
            public Date getCurrentTime() {
                return Date.from(instant());
            }

            @Override
            public Calendar getCurrentCalendar() {
                return getCurrentCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
            }

            @Override
            public Calendar getCurrentCalendar(TimeZone zone) {
                Calendar calendar = Calendar.getInstance(zone);
                calendar.setTime(getCurrentTime());
                return calendar;
            }

            @Override
            public TimeZone getCurrentTimeZone() {
                return TimeZone.getTimeZone(ZoneOffset.UTC);
            }
        };
    }
}
