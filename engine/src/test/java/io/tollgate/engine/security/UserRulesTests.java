package io.tollgate.engine.security;

import io.tollgate.engine.support.Problems.FieldError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UserRulesTests {

    private final List<FieldError> errors = new ArrayList<>();

    private List<String> paths() {
        return errors.stream().map(FieldError::path).toList();
    }

    @Test
    void acceptsUserNamesOfLowerCaseLettersDigitsDotsUnderscoresAndDashes() {
        for (String name : List.of("al", "alice", "first.last", "a_b-c", "0x", "x".repeat(100))) {
            UserRules.username(name, errors);
        }

        assertThat(errors).isEmpty();
    }

    @Test
    void refusesUserNamesThatAreEmptyShortLongOddOrOnlyDots() {
        for (String name : Arrays.asList(null, "", "a", "x".repeat(101), "Alice", "al ice", "a:b", "..", ".x", "-x",
                "ali\u0000ce", "名字")) {
            UserRules.username(name, errors);
        }

        assertThat(paths()).hasSize(12).containsOnly("username");
    }

    @Test
    void countsPasswordsInCharactersAndRefusesMoreThanBCryptReads() {
        UserRules.password("x".repeat(72), "password", errors);
        UserRules.password("密".repeat(10), "password", errors);
        assertThat(errors).isEmpty();

        UserRules.password("x".repeat(73), "password", errors);
        UserRules.password("密".repeat(25), "password", errors);
        UserRules.password("short", "password", errors);
        UserRules.password("x".repeat(201), "password", errors);
        UserRules.password(null, "password", errors);

        assertThat(errors).extracting(FieldError::message).satisfiesExactly(
                m -> assertThat(m).contains("72 bytes", "73 bytes"),
                m -> assertThat(m).contains("72 bytes", "75 bytes"),
                m -> assertThat(m).contains("at least 10"),
                m -> assertThat(m).contains("at most 200"),
                m -> assertThat(m).contains("required"));
    }

    @Test
    void rolesAreASubsetOfAdminPmAndMember() {
        assertThat(UserRules.roles(List.of("pm", "member", "pm"), errors)).containsExactly("member", "pm");
        assertThat(UserRules.roles(null, errors)).isNull();
        assertThat(errors).isEmpty();

        UserRules.roles(Arrays.asList("admin", "root", null), errors);
        UserRules.roles(List.of(), errors);

        assertThat(paths()).containsExactly("roles[1]", "roles[2]", "roles");
    }

    @Test
    void groupsAreAtMostFiftyShortNames() {
        assertThat(UserRules.groups(List.of("qa", "dev", "qa"), errors)).containsExactly("dev", "qa");
        assertThat(errors).isEmpty();

        UserRules.groups(List.of("ok", "Not OK", "x".repeat(101), ""), errors);
        UserRules.groups(java.util.stream.IntStream.range(0, 51).mapToObj(i -> "g" + i).toList(), errors);

        assertThat(paths()).containsExactly("groups[1]", "groups[2]", "groups[3]", "groups");
    }

    @Test
    void anEmailAddressIsOptionalButShapedLikeOne() {
        assertThat(UserRules.email(null, errors)).isNull();
        assertThat(UserRules.email(" ", errors)).isNull();
        assertThat(UserRules.email(" a.b@example.co.uk ", errors)).isEqualTo("a.b@example.co.uk");
        assertThat(errors).isEmpty();

        for (String bad : List.of("nope", "a@b", "a@@b.c", "a b@c.d", "a@b..c", "x".repeat(195) + "@b.com")) {
            UserRules.email(bad, errors);
        }

        assertThat(paths()).hasSize(6).containsOnly("email");
    }

    @Test
    void aDisplayNameIsRequiredAndTrimmed() {
        assertThat(UserRules.displayName("  Dana Deng ", errors)).isEqualTo("Dana Deng");
        assertThat(errors).isEmpty();

        UserRules.displayName("   ", errors);
        UserRules.displayName("x".repeat(201), errors);
        UserRules.displayName("tab\there", errors);

        assertThat(paths()).containsExactly("displayName", "displayName", "displayName");
    }
}
