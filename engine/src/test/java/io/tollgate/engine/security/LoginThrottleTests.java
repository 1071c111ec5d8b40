package io.tollgate.engine.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final LoginThrottle throttle = new LoginThrottle(new SecuritySettings(
            new SecuritySettings.Login(5, Duration.ofMinutes(15), Duration.ofMinutes(15)), List.of()), clock);

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
            clock.advance(Duration.ofSeconds(10));
        }
    }

    @Test
    void theFifthFailureWithinTheWindowMakesTheNameWaitItsCoolOff() {
        fail("bob", "10.0.0.1", 4);
        assertThat(throttle.waitFor("bob", "10.0.0.2")).isZero();

        fail("bob", "10.0.0.2", 1);

        assertThat(throttle.waitFor("bob", "10.0.0.3")).isEqualTo(Duration.ofMinutes(15).minusSeconds(10));
        assertThat(throttle.waitFor("BOB", null)).isPositive();
        assertThat(throttle.waitFor("alice", "10.0.0.3")).isZero();
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.waitFor("bob", "10.0.0.3")).isZero();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        fail("bob", null, 4);
        clock.advance(Duration.ofMinutes(15));

        fail("bob", null, 1);

        assertThat(throttle.waitFor("bob", null)).isZero();
    }

    @Test
    void fiveFailuresFromOneAddressMakeItWaitWhateverTheNames() {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            fail(name, "10.0.0.9", 1);
        }

        assertThat(throttle.waitFor("f", "10.0.0.9")).isPositive();
        assertThat(throttle.waitFor("f", "10.0.0.8")).isZero();
    }

    @Test
    void aSuccessClearsTheCounts() {
        fail("bob", "10.0.0.1", 4);

        throttle.succeeded("bob", "10.0.0.1");
        fail("bob", "10.0.0.1", 4);

        assertThat(throttle.waitFor("bob", "10.0.0.1")).isZero();
    }
}
