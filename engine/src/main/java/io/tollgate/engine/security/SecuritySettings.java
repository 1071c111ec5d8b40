package io.tollgate.engine.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code tollgate.security.*}: sign-in throttling and the origins, besides the server's own, that may
 * send state-changing requests to the API from a browser.
 *
 * @param login          when failed sign-ins make a user name or an address wait
 * @param allowedOrigins other origins allowed, as {@code https://host[:port]}, e.g. a UI served elsewhere
 */
@ConfigurationProperties("tollgate.security")
public record SecuritySettings(@DefaultValue Login login, @DefaultValue List<String> allowedOrigins) {

    /**
     * @param maxFailures failed sign-ins within {@code window}, for one user name or from one address,
     *                    after which that name or address waits
     * @param window      how far back failures count
     * @param coolOff     how long it then waits
     */
    public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window,
                        @DefaultValue("15m") Duration coolOff) {
    }
}
