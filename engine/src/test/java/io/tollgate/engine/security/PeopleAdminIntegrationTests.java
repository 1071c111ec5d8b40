package io.tollgate.engine.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The people admin API, through HTTP: an admin adds people, who change the first password before they
 * can work; admins change, disable and reset them; nobody else manages people, and workspaces never
 * see each other's people.
 */
class PeopleAdminIntegrationTests extends IntegrationTestSupport {

    private static final String PROBLEMS = "https://tollgate.io/problems/";

    @Autowired
    LoginThrottle throttle;
    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void forgetFailedSignIns() {
        // the refused sign-ins below count against this test's address, which every test shares
        throttle.clear();
    }

    /** A caller with any password; {@link Api#as} only knows the demo users' passwords. */
    private Caller as(String user, String password) {
        return new Caller(port, user, password);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> newUser(String username, String password, List<String> roles, List<String> groups) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("displayName", "Person " + username);
        body.put("email", username + "@example.com");
        body.put("password", password);
        body.put("roles", roles);
        body.put("groups", groups);
        return body;
    }

    /** Creates a person as the demo admin and lets them set their own password; answers that password. */
    private String personWhoChangedTheirPassword(String username, List<String> roles) {
        Api.Answer created = api().as("admin").post("/api/users", newUser(username, "first-Pass-123", roles, List.of()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Api.Answer changed = as(username, "first-Pass-123").post("/api/users/" + username + "/password",
                Map.of("currentPassword", "first-Pass-123", "password", "own-Pass-456"));
        assertThat(changed.status()).as(changed.text()).isEqualTo(204);
        return "own-Pass-456";
    }

    private static void assertProblem(Api.Answer answer, int status, String kind) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.text()).startsWith("application/problem+json");
        assertThat(answer.get("type").asText()).as(answer.text()).isEqualTo(PROBLEMS + kind);
    }

    private static List<String> paths(Api.Answer answer) {
        List<String> paths = new ArrayList<>();
        answer.get("errors").forEach(e -> paths.add(e.get("path").asText()));
        return paths;
    }

    private static String message(Api.Answer answer, String path) {
        for (JsonNode e : answer.get("errors")) {
            if (e.get("path").asText().equals(path)) {
                return e.get("message").asText();
            }
        }
        throw new AssertionError("no error at " + path + " in " + answer.text());
    }

    private static List<String> usernames(JsonNode users) {
        List<String> names = new ArrayList<>();
        users.forEach(u -> names.add(u.get("username").asText()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void anAdminAddsAPersonWhoChangesTheFirstPasswordThenWorksOnAProject() {
        String dana = unique("dana");
        Api admin = api().as("admin");

        Api.Answer created = admin.post("/api/users", newUser(dana, "first-Pass-123", List.of("member"), List.of("dev")));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.text()).doesNotContain("first-Pass-123", "bcrypt", "passwordHash");
        assertThat(created.get("username").asText()).isEqualTo(dana);
        assertThat(created.get("displayName").asText()).isEqualTo("Person " + dana);
        assertThat(created.get("email").asText()).isEqualTo(dana + "@example.com");
        assertThat(texts(created.get("roles"))).containsExactly("member");
        assertThat(texts(created.get("groups"))).containsExactly("dev");
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(created.get("mustChangePassword").asBoolean()).isTrue();
        Api.Answer listed = admin.get("/api/users");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(usernames(listed.json())).contains(dana, "admin", "pm", "alice", "bob", "carol");
        assertThat(listed.text()).doesNotContain("bcrypt", "password\"", "passwordHash");
        assertThat(admin.get("/api/users/alice").get("mustChangePassword").asBoolean()).as("demo users").isFalse();
        assertThat(admin.get("/api/users/" + dana).get("displayName").asText()).isEqualTo("Person " + dana);

        // the first password came from the admin: it opens nothing but the change of itself
        Caller first = as(dana, "first-Pass-123");
        assertProblem(first.get("/api/tasks"), 403, "password-change-required");
        assertProblem(first.get("/api/users/" + dana), 403, "password-change-required");
        assertProblem(first.post("/api/users/alice/password", Map.of("currentPassword", "x", "password", "hijacked-Pass-1")),
                403, "password-change-required");
        Api.Answer wrongCurrent = first.post("/api/users/" + dana + "/password",
                Map.of("currentPassword", "not-my-password", "password", "own-Pass-456"));
        assertProblem(wrongCurrent, 400, "invalid-fields");
        assertThat(paths(wrongCurrent)).containsExactly("currentPassword");
        Api.Answer same = first.post("/api/users/" + dana + "/password",
                Map.of("currentPassword", "first-Pass-123", "password", "first-Pass-123"));
        assertProblem(same, 400, "invalid-fields");
        assertThat(paths(same)).containsExactly("password");

        Api.Answer changed = first.post("/api/users/" + dana + "/password",
                Map.of("currentPassword", "first-Pass-123", "password", "own-Pass-456"));

        assertThat(changed.status()).as(changed.text()).isEqualTo(204);
        assertProblem(first.get("/api/tasks"), 401, "unauthorized");
        Caller own = as(dana, "own-Pass-456");
        assertThat(own.get("/api/tasks").status()).isEqualTo(200);
        assertThat(admin.get("/api/users/" + dana).get("mustChangePassword").asBoolean()).isFalse();

        Map<String, Object> project = ProjectDriver.itDeliveryProject("Onboarding " + dana);
        project.put("roles", Map.of("pm", List.of("pm"), "sponsor", List.of("carol"), "dev", List.of(dana),
                "qa", List.of("carol")));
        Api.Answer started = api().as("pm").post("/api/projects", project);
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String projectId = started.get("id").asText();
        JsonNode writePrd = api().as("pm").get("/api/tasks?project=" + projectId).json().get(0);
        assertThat(api().as("pm").post("/api/tasks/" + writePrd.get("id").asText() + "/complete",
                Map.of("fields", Map.of("prdUrl", "https://wiki.example.com/prd"))).status()).isEqualTo(200);

        Api.Answer inbox = own.get("/api/tasks?project=" + projectId);
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.json()).hasSize(1);
        assertThat(inbox.json().get(0).get("key").asText()).isEqualTo("review");
        Api.Answer done = own.post("/api/tasks/" + inbox.json().get(0).get("id").asText() + "/complete",
                Map.of("fields", ProjectDriver.values(inbox.json().get(0).get("fields"))));

        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(own.get("/api/tasks?project=" + projectId).json()).isEmpty();
        Api.Answer audit = admin.get("/api/audit?limit=1000");
        assertThat(audit.text()).contains("user.created", "user.password-changed").doesNotContain("first-Pass-123",
                "own-Pass-456");
        JsonNode createdLine = line(audit.json(), "user.created", dana);
        assertThat(createdLine.get("actor").asText()).isEqualTo("admin");
        assertThat(createdLine.has("projectId")).isFalse();
    }

    private static JsonNode line(JsonNode audit, String action, String subject) {
        for (JsonNode line : audit) {
            if (line.get("action").asText().equals(action) && subject.equals(line.path("subject").asText())) {
                return line;
            }
        }
        throw new AssertionError("no " + action + " line about " + subject + " in " + audit);
    }

    @Test
    void aDisabledPersonIsRefusedAtOnceAndComesBackWhenEnabledAgain() {
        String erin = unique("erin");
        String password = personWhoChangedTheirPassword(erin, List.of("member"));
        Caller caller = as(erin, password);
        assertThat(caller.get("/api/tasks").status()).isEqualTo(200);

        Api.Answer disabled = api().as("admin").patch("/api/users/" + erin, Map.of("enabled", false));

        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertProblem(caller.get("/api/tasks"), 401, "unauthorized");
        assertThat(api().as("admin").get("/api/users/" + erin).get("enabled").asBoolean()).isFalse();

        Api.Answer enabled = api().as("admin").patch("/api/users/" + erin, Map.of("enabled", true));

        assertThat(enabled.status()).as(enabled.text()).isEqualTo(200);
        assertThat(caller.get("/api/tasks").status()).isEqualTo(200);
        JsonNode change = line(api().as("admin").get("/api/audit?limit=1000").json(), "user.changed", erin);
        assertThat(change.get("detail").asText()).contains("enabled");
    }

    @Test
    void anAdminChangesWhatAPersonIsAndTheChangeIsAudited() {
        String finn = unique("finn");
        personWhoChangedTheirPassword(finn, List.of("member"));

        Api.Answer changed = api().as("admin").patch("/api/users/" + finn, Map.of("displayName", "Finn Fang",
                "email", "finn@example.org", "roles", List.of("pm", "member"), "groups", List.of("managers", "qa")));

        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.get("displayName").asText()).isEqualTo("Finn Fang");
        assertThat(changed.get("email").asText()).isEqualTo("finn@example.org");
        assertThat(texts(changed.get("roles"))).containsExactly("member", "pm");
        assertThat(texts(changed.get("groups"))).containsExactly("managers", "qa");
        JsonNode groups = api().as("pm").get("/api/groups").json();
        assertThat(members(groups, "qa")).contains(finn, "carol");
        assertThat(members(groups, "managers")).contains(finn, "pm");
        String detail = line(api().as("admin").get("/api/audit?limit=1000").json(), "user.changed", finn)
                .get("detail").asText();
        assertThat(detail).contains("roles", "pm", "groups", "qa", "displayName", "Finn Fang");

        Api.Answer cleared = api().as("admin").patch("/api/users/" + finn, Map.of("email", ""));
        assertThat(cleared.status()).as(cleared.text()).isEqualTo(200);
        assertThat(cleared.json().has("email")).isFalse();
    }

    private static List<String> members(JsonNode groups, String group) {
        for (JsonNode g : groups) {
            if (g.get("name").asText().equals(group)) {
                List<String> names = new ArrayList<>();
                g.get("members").forEach(m -> names.add(m.get("username").asText()));
                return names;
            }
        }
        throw new AssertionError("no group " + group + " in " + groups);
    }

    @Test
    void anAdminResetTakesEffectAtOnceAndMustBeChangedAgain() {
        String gail = unique("gail");
        String own = personWhoChangedTheirPassword(gail, List.of("member"));
        assertThat(as(gail, own).get("/api/tasks").status()).isEqualTo(200);

        Api.Answer reset = api().as("admin").post("/api/users/" + gail + "/password", Map.of("password", "reset-Pass-789"));

        assertThat(reset.status()).as(reset.text()).isEqualTo(204);
        assertProblem(as(gail, own).get("/api/tasks"), 401, "unauthorized");
        assertProblem(as(gail, "reset-Pass-789").get("/api/tasks"), 403, "password-change-required");
        assertThat(as(gail, "reset-Pass-789").post("/api/users/" + gail + "/password",
                Map.of("currentPassword", "reset-Pass-789", "password", "own-again-123")).status()).isEqualTo(204);
        assertThat(as(gail, "own-again-123").get("/api/tasks").status()).isEqualTo(200);
        Api.Answer audit = api().as("admin").get("/api/audit?limit=1000");
        assertThat(line(audit.json(), "user.password-reset", gail).get("actor").asText()).isEqualTo("admin");
        assertThat(audit.text()).doesNotContain("reset-Pass-789", "own-again-123");
    }

    @Test
    void validationErrorsNameTheirPaths() {
        Api admin = api().as("admin");
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("username", "Not Valid");
        bad.put("displayName", "x".repeat(201));
        bad.put("email", "not-an-email");
        bad.put("password", "short");
        bad.put("roles", List.of("admin", "boss"));
        bad.put("groups", List.of("dev", "Bad Group", "y".repeat(101)));

        Api.Answer refused = admin.post("/api/users", bad);

        assertProblem(refused, 400, "invalid-fields");
        assertThat(paths(refused)).containsExactlyInAnyOrder("username", "displayName", "email", "password", "roles[1]",
                "groups[1]", "groups[2]");
        assertThat(admin.get("/api/users").text()).doesNotContain("Not Valid");

        Api.Answer empty = admin.post("/api/users", Map.of());
        assertProblem(empty, 400, "invalid-fields");
        assertThat(paths(empty)).containsExactlyInAnyOrder("username", "displayName", "password");

        Api.Answer tooManyBytes = admin.post("/api/users", newUser(unique("hana"), "密码".repeat(13), null, null));
        assertProblem(tooManyBytes, 400, "invalid-fields");
        assertThat(message(tooManyBytes, "password")).contains("72 bytes");

        List<String> many = IntStream.range(0, 51).mapToObj(i -> "g" + i).toList();
        Api.Answer tooManyGroups = admin.post("/api/users", newUser(unique("ivan"), "long-enough-1", null, many));
        assertProblem(tooManyGroups, 400, "invalid-fields");
        assertThat(paths(tooManyGroups)).containsExactly("groups");

        Api.Answer taken = admin.post("/api/users", newUser("alice", "long-enough-1", null, null));
        assertProblem(taken, 409, "user-exists");

        Api.Answer badChange = admin.patch("/api/users/alice", Map.of("roles", List.of("boss"), "email", "nope",
                "password", "sneaky-Pass-1", "username", "alicia"));
        assertProblem(badChange, 400, "invalid-fields");
        assertThat(paths(badChange)).containsExactlyInAnyOrder("roles[0]", "email", "password", "username");
        assertThat(texts(admin.get("/api/users/alice").get("roles"))).containsExactly("member");

        Api.Answer shortReset = admin.post("/api/users/alice/password", Map.of("password", "short"));
        assertProblem(shortReset, 400, "invalid-fields");
        assertThat(paths(shortReset)).containsExactly("password");
        assertThat(api().as("alice").get("/api/tasks").status()).isEqualTo(200);

        assertProblem(admin.get("/api/users/nobody-here"), 404, "user-not-found");
        assertProblem(admin.get("/api/users/" + "x".repeat(300)), 404, "user-not-found");
    }

    @Test
    void aPersonCreatedWithoutRolesIsAMember() {
        String jo = unique("jo");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", jo);
        body.put("displayName", "Jo");
        body.put("password", "first-Pass-123");

        Api.Answer created = api().as("admin").post("/api/users", body);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.text()).doesNotContain("\"email\"");
        assertThat(texts(created.get("roles"))).containsExactly("member");
        assertThat(texts(created.get("groups"))).isEmpty();
    }

    @Test
    void nonAdminsCannotManagePeople() {
        assertProblem(api().as("pm").get("/api/users"), 403, "forbidden");
        assertProblem(api().as("alice").get("/api/users/alice"), 403, "forbidden");
        assertProblem(api().as("pm").post("/api/users", newUser(unique("kim"), "long-enough-1", List.of("admin"), null)),
                403, "forbidden");
        assertProblem(api().as("pm").patch("/api/users/alice", Map.of("roles", List.of("admin"))), 403, "forbidden");
        assertProblem(api().as("alice").patch("/api/users/alice", Map.of("roles", List.of("admin"))), 403, "forbidden");
        assertProblem(api().as("alice").post("/api/users/bob/password", Map.of("password", "taken-over-1")), 403,
                "forbidden");
        assertProblem(api().as("alice").get("/api/groups"), 403, "forbidden");

        assertThat(texts(api().as("admin").get("/api/users/alice").get("roles"))).containsExactly("member");
        assertThat(api().as("bob").get("/api/tasks").status()).isEqualTo(200);
        Api.Answer groups = api().as("pm").get("/api/groups");
        assertThat(groups.status()).isEqualTo(200);
        assertThat(members(groups.json(), "dev")).contains("alice", "bob").doesNotContain("carol");
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveTheWorkspaceAnAdmin() throws Exception {
        for (int round = 0; round < 5; round++) {
            String first = otherWorkspaceWithAdmin();
            String workspace = jdbc.queryForObject("select workspace_id from app_user where username = ?", String.class,
                    first);
            String second = "boss2-" + UUID.randomUUID().toString().substring(0, 8);
            actors.register(new AppUser(second, encoder.encode(second),
                    "Second boss", null, workspace, false), Set.of("admin"), Set.of());
            // signed in once, so both requests skip BCrypt and meet in the database
            assertThat(api().as(first).get("/api/users").status()).isEqualTo(200);
            assertThat(api().as(second).get("/api/users").status()).isEqualTo(200);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.Future<Api.Answer> one = pool.submit(() -> {
                    start.await();
                    return api().as(first).patch("/api/users/" + second, Map.of("roles", List.of("member")));
                });
                java.util.concurrent.Future<Api.Answer> other = pool.submit(() -> {
                    start.await();
                    return api().as(second).patch("/api/users/" + first, Map.of("roles", List.of("member")));
                });
                start.countDown();
                List<Integer> statuses = List.of(one.get().status(), other.get().status());

                assertThat(statuses).as("%s and %s", one.get().text(), other.get().text())
                        .containsOnlyOnce(200).allMatch(s -> s == 200 || s == 409 || s == 403);
                assertThat(jdbc.queryForObject("select count(*) from workspace_member m join app_user u "
                        + "on u.username = m.username where m.workspace_id = ? and u.enabled = true "
                        + "and m.roles like '%admin%'", Integer.class, workspace)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** A second workspace with one admin, whose password equals the name. */
    private String otherWorkspaceWithAdmin() {
        String workspace = UUID.randomUUID().toString();
        jdbc.update("insert into workspace (id, ws_key, name, enabled_modules, row_version) values (?, ?, ?, '', 0)",
                workspace, "other-" + workspace.substring(0, 8), "Another company");
        String admin = "boss-" + workspace.substring(0, 8);
        actors.register(new AppUser(admin, encoder.encode(admin),
                "Other boss", null, workspace, false), Set.of("admin"), Set.of("board"));
        return admin;
    }

    @Test
    void workspacesNeverSeeEachOthersPeople() {
        String boss = otherWorkspaceWithAdmin();
        Api other = api().as(boss);

        assertThat(usernames(other.get("/api/users").json())).containsExactly(boss);
        assertProblem(other.get("/api/users/alice"), 404, "user-not-found");
        assertProblem(other.patch("/api/users/alice", Map.of("enabled", false)), 404, "user-not-found");
        assertProblem(other.post("/api/users/alice/password", Map.of("password", "taken-over-1")), 404, "user-not-found");
        assertThat(other.get("/api/groups").text()).doesNotContain("alice", "\"dev\"");

        assertProblem(api().as("admin").get("/api/users/" + boss), 404, "user-not-found");
        assertProblem(api().as("admin").patch("/api/users/" + boss, Map.of("enabled", false)), 404, "user-not-found");
        assertThat(usernames(api().as("admin").get("/api/users").json())).doesNotContain(boss);
        assertThat(api().as("admin").get("/api/groups").text()).doesNotContain(boss, "board");
        assertThat(api().as("alice").get("/api/tasks").status()).isEqualTo(200);
        assertThat(other.get("/api/tasks").status()).isEqualTo(200);
    }

    @Test
    void theLastAdminCannotBeDemotedOrDisabledAndNoAdminLocksThemselvesOut() {
        String boss = otherWorkspaceWithAdmin();
        Api other = api().as(boss);

        assertProblem(other.patch("/api/users/" + boss, Map.of("roles", List.of("member"))), 409, "last-admin");
        assertProblem(other.patch("/api/users/" + boss, Map.of("enabled", false)), 409, "last-admin");
        assertThat(texts(other.get("/api/users/" + boss).get("roles"))).containsExactly("admin");

        String deputy = unique("deputy");
        assertThat(other.post("/api/users", newUser(deputy, "first-Pass-123", List.of("admin"), List.of())).status())
                .isEqualTo(201);
        Api.Answer demoteSelf = other.patch("/api/users/" + boss, Map.of("roles", List.of("member")));
        assertThat(demoteSelf.status()).as(demoteSelf.text()).isEqualTo(400);
        assertThat(paths(demoteSelf)).containsExactly("roles");
        Api.Answer disableSelf = other.patch("/api/users/" + boss, Map.of("enabled", false));
        assertThat(disableSelf.status()).as(disableSelf.text()).isEqualTo(400);
        assertThat(paths(disableSelf)).containsExactly("enabled");

        Api.Answer demoteDeputy = other.patch("/api/users/" + deputy, Map.of("roles", List.of("pm")));
        assertThat(demoteDeputy.status()).as(demoteDeputy.text()).isEqualTo(200);
        assertThat(texts(demoteDeputy.get("roles"))).containsExactly("pm");
        assertThat(texts(other.get("/api/users/" + boss).get("roles"))).containsExactly("admin");
        assertThat(other.get("/api/users/" + boss).get("enabled").asBoolean()).isTrue();
    }
}
