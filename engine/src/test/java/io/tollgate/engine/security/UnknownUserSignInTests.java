package io.tollgate.engine.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An unknown user name is refused after the same work as a wrong password, one BCrypt comparison,
 * so the time of the answer does not tell which names exist.
 */
class UnknownUserSignInTests {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final List<String> compared = new ArrayList<>();
    private final CachingAuthenticationProvider provider;

    UnknownUserSignInTests() {
        UserDetails alice = User.withUsername("alice").password(bcrypt.encode("secret")).roles("member").build();
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(this::load);
        dao.setPasswordEncoder(new BCryptPasswordEncoder(4) {
            @Override
            public boolean matches(CharSequence raw, String encoded) {
                compared.add(encoded);
                return super.matches(raw, encoded);
            }
        });
        this.alice = alice;
        provider = new CachingAuthenticationProvider(dao, this::load, Clock.systemUTC());
    }

    private final UserDetails alice;

    private UserDetails load(String name) {
        if (name.equals("alice")) {
            return alice;
        }
        throw new UsernameNotFoundException(name);
    }

    @Test
    void anUnknownNameCostsOneBcryptComparisonLikeAWrongPassword() {
        assertThatThrownBy(() -> provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("alice", "guess")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("mallory", "guess")))
                .isInstanceOf(BadCredentialsException.class);

        assertThat(compared).hasSize(2);
        assertThat(compared.get(1)).startsWith("$2").isNotEqualTo(alice.getPassword());
    }
}
