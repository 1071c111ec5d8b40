package io.tollgate.engine.security;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per user name and per client address. After {@code maxFailures} within
 * {@code window} for either, that name or address waits {@code coolOff} before it may try again,
 * right password or not; a successful sign-in clears both counts.
 *
 * <p>In memory: right for one node; with several, each node counts on its own (so an attacker gets
 * the limit once per node), and a restart forgets the counts.
 */
@Component
class LoginThrottle {

    /** Enough for a burst of attacks on distinct names; beyond it, counts that no longer matter go first. */
    private static final int MAX_TRACKED = 100_000;

    private final SecuritySettings.Login settings;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** Recent failures of one name or address, oldest first, and until when it must wait. */
    private record Failures(List<Instant> at, Instant blockedUntil) {
    }

    LoginThrottle(SecuritySettings settings, Clock clock) {
        this.settings = settings.login();
        this.clock = clock;
    }

    /** How long this name or address must still wait; zero when it may try. */
    Duration waitFor(String username, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : keys(username, address)) {
            Failures f = failures.get(key);
            if (f != null && f.blockedUntil() != null && f.blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, f.blockedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait;
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        Instant since = now.minus(settings.window());
        if (failures.size() >= MAX_TRACKED) {
            forgetStale(now);
        }
        for (String key : keys(username, address)) {
            failures.compute(key, (k, old) -> {
                List<Instant> recent = new ArrayList<>();
                if (old != null) {
                    old.at().stream().filter(t -> t.isAfter(since)).forEach(recent::add);
                }
                recent.add(now);
                if (recent.size() >= settings.maxFailures()) {
                    return new Failures(List.of(), now.plus(settings.coolOff()));
                }
                return new Failures(List.copyOf(recent), old == null ? null : old.blockedUntil());
            });
        }
    }

    void succeeded(String username, String address) {
        for (String key : keys(username, address)) {
            failures.remove(key);
        }
    }

    /** Forgets every count; for tests. */
    void clear() {
        failures.clear();
    }

    private void forgetStale(Instant now) {
        Instant since = now.minus(settings.window());
        failures.entrySet().removeIf(e -> (e.getValue().blockedUntil() == null || !e.getValue().blockedUntil().isAfter(now))
                && e.getValue().at().stream().noneMatch(t -> t.isAfter(since)));
        if (failures.size() >= MAX_TRACKED) {
            // still full of live counts: keep those that make someone wait
            failures.entrySet().removeIf(e -> e.getValue().blockedUntil() == null || !e.getValue().blockedUntil().isAfter(now));
        }
    }

    private static List<String> keys(String username, String address) {
        List<String> keys = new ArrayList<>(2);
        if (username != null) {
            keys.add("user:" + username.toLowerCase(Locale.ROOT));
        }
        if (address != null && !address.isBlank()) {
            keys.add("address:" + address);
        }
        return keys;
    }
}
