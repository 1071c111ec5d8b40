package io.tollgate.engine.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;

/**
 * Sign-in with a {@link LoginThrottle} in front: a name or address that failed too often is refused
 * before its password is looked at (so guessing on gains nothing, not even a right guess); a failure
 * counts, a success clears the count.
 */
final class ThrottledAuthenticationManager implements AuthenticationManager {

    /** Refused without checking the password: wait this long. */
    static final class Throttled extends AuthenticationException {
        private final transient Duration retryAfter;

        Throttled(Duration retryAfter) {
            super("Too many failed sign-ins");
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }

    private final AuthenticationManager delegate;
    private final LoginThrottle throttle;

    ThrottledAuthenticationManager(AuthenticationManager delegate, LoginThrottle throttle) {
        this.delegate = delegate;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        Duration wait = throttle.waitFor(username, address);
        if (!wait.isZero()) {
            throw new Throttled(wait);
        }
        try {
            if (username == null || username.chars().anyMatch(Character::isISOControl)) {
                // no user has such a name, and PostgreSQL cannot even look up one with a NUL in it
                throw new BadCredentialsException("Bad credentials");
            }
            Authentication result = delegate.authenticate(authentication);
            throttle.succeeded(username, address);
            return result;
        } catch (AuthenticationServiceException e) {
            // our failure (the database, say), not the caller's
            throw e;
        } catch (AuthenticationException e) {
            throttle.failed(username, address);
            throw e;
        }
    }
}
