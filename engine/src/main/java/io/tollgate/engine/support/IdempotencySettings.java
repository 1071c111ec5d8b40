package io.tollgate.engine.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code tollgate.idempotency.*}: how long a request holds its Idempotency-Key while it runs, and
 * how long its answer is kept for replay.
 *
 * @param lease     after this, a retry may take over a key whose request never committed its work
 *                  (the server stopped); longer than any request should take
 * @param retention how long answers are replayed; older keys are forgotten and may be used again
 */
@ConfigurationProperties("tollgate.idempotency")
public record IdempotencySettings(@DefaultValue("2m") Duration lease, @DefaultValue("24h") Duration retention) {
}
