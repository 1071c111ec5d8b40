package io.tollgate.engine.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingAuthenticationProviderTests {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final Map<String, UserDetails> users = new HashMap<>();
    private final CachingAuthenticationProvider provider;

    CachingAuthenticationProviderTests() {
        users.put("alice", User.withUsername("alice").password(bcrypt.encode("secret")).roles("member").build());
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(this::load);
        dao.setPasswordEncoder(new BCryptPasswordEncoder(4) {
            @Override
            public boolean matches(CharSequence raw, String encoded) {
                bcryptChecks.incrementAndGet();
                return super.matches(raw, encoded);
            }
        });
        provider = new CachingAuthenticationProvider(dao, this::load, Clock.systemUTC());
    }

    private UserDetails load(String name) {
        UserDetails user = users.get(name);
        if (user == null) {
            throw new UsernameNotFoundException(name);
        }
        return user;
    }

    private static UsernamePasswordAuthenticationToken login(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    @Test
    void checksThePasswordOnceThenRemembersIt() {
        assertThat(provider.authenticate(login("alice", "secret")).isAuthenticated()).isTrue();
        assertThat(provider.authenticate(login("alice", "secret")).isAuthenticated()).isTrue();

        assertThat(bcryptChecks).hasValue(1);
    }

    @Test
    void refusesAWrongPasswordEvenAfterARightOne() {
        provider.authenticate(login("alice", "secret"));

        assertThatThrownBy(() -> provider.authenticate(login("alice", "guess"))).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void checksAgainAfterThePasswordChanged() {
        provider.authenticate(login("alice", "secret"));
        users.put("alice", User.withUsername("alice").password(bcrypt.encode("new")).roles("member").build());

        assertThatThrownBy(() -> provider.authenticate(login("alice", "secret"))).isInstanceOf(BadCredentialsException.class);
        assertThat(provider.authenticate(login("alice", "new")).isAuthenticated()).isTrue();
    }

    @Test
    void refusesADisabledUserWhoWasRemembered() {
        provider.authenticate(login("alice", "secret"));
        users.put("alice", User.withUserDetails(users.get("alice")).disabled(true).build());

        assertThatThrownBy(() -> provider.authenticate(login("alice", "secret"))).isInstanceOf(DisabledException.class);
    }

    @Test
    void refusesAnUnknownUser() {
        assertThatThrownBy(() -> provider.authenticate(login("mallory", "x"))).isInstanceOf(BadCredentialsException.class);
    }
}
