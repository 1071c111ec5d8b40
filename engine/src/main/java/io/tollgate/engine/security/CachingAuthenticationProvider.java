package io.tollgate.engine.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic sends the password with every request, and BCrypt is slow on purpose: checking it
 * each time would cost tens of milliseconds per call. After one BCrypt check, this remembers a
 * salted SHA-256 of the credentials for a few minutes; a request with the same credentials, for a
 * user whose stored hash has not changed and who is still enabled, skips BCrypt. The digest's salt
 * lives only in this process, so the cache is worthless outside it. When a user's password or
 * state changes, {@link #forget} drops what was remembered at once (the stored-hash and enabled
 * checks would refuse it anyway; this also frees the entry).
 */
class CachingAuthenticationProvider implements AuthenticationProvider {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private final DaoAuthenticationProvider delegate;
    private final UserDetailsService users;
    private final Clock clock;
    private final Actors actors;
    private final TransactionTemplate readOnly;
    private final byte[] salt = new byte[32];
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    private record Entry(String storedHash, byte[] digest, Instant expires) {
    }

    /** Checks credentials only: no caller is settled for the request, and no transaction spans the lookups. */
    CachingAuthenticationProvider(DaoAuthenticationProvider delegate, UserDetailsService users, Clock clock) {
        this(delegate, users, clock, null, null);
    }

    CachingAuthenticationProvider(DaoAuthenticationProvider delegate, UserDetailsService users, Clock clock, Actors actors,
                                  PlatformTransactionManager transactions) {
        this.delegate = delegate;
        this.users = users;
        this.clock = clock;
        this.actors = actors;
        this.readOnly = transactions == null ? null : new TransactionTemplate(transactions);
        if (readOnly != null) {
            readOnly.setReadOnly(true);
        }
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (username == null || !(credentials instanceof String password)) {
            return delegate.authenticate(authentication);
        }
        // a remembered sign-in: the user's row and who they are in the request's workspace, read in one
        // transaction; BCrypt, when needed, runs outside any transaction so it holds no connection
        java.util.function.Supplier<Authentication> lookup = () -> {
            UserDetails user;
            try {
                user = users.loadUserByUsername(username);
            } catch (UsernameNotFoundException e) {
                return null;
            }
            Entry entry = cache.get(username);
            if (entry != null && user.isEnabled() && user.isAccountNonLocked() && entry.expires().isAfter(Instant.now(clock))
                    && entry.storedHash().equals(user.getPassword()) && MessageDigest.isEqual(entry.digest(), digest(username, password))) {
                UsernamePasswordAuthenticationToken result =
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
                result.setDetails(authentication.getDetails());
                if (actors != null) {
                    actors.settle(username);
                }
                return result;
            }
            return null;
        };
        Authentication remembered = readOnly == null ? lookup.get() : readOnly.execute(tx -> lookup.get());
        if (remembered != null) {
            return remembered;
        }
        // the delegate compares the password with a dummy hash for an unknown name, so it takes as long
        // to refuse as a wrong password; answering at once would tell which names exist
        Authentication result = delegate.authenticate(authentication);
        if (result.getPrincipal() instanceof UserDetails user) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(username, new Entry(user.getPassword(), digest(username, password), Instant.now(clock).plus(TTL)));
        }
        return result;
    }

    /** Forgets the credentials remembered for a user, whose password or state just changed. */
    void forget(String username) {
        cache.remove(username);
    }

    private byte[] digest(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
