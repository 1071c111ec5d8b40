package io.tollgate.engine.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.IntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what without signing in (health; not the API docs unless made public; not the info
 * endpoint, which names versions), sign-in throttling, and refusing state-changing requests from
 * other sites' pages. Its own application context: the docs are not public here, and the throttle's
 * counts stay out of the context other tests share.
 */
@TestPropertySource(properties = "tollgate.api-docs.public=false")
class SignInIntegrationTests extends IntegrationTestSupport {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SMALL = """
            key: origin-check
            name: Origin check
            roles:
              owner: { name: Owner }
            stages:
              - key: do
                name: Do it
                tasks: [ { key: change, name: Make the change, assignee: owner } ]
            """;

    @Autowired
    LoginThrottle throttle;

    @AfterEach
    void forgetFailures() {
        throttle.clear();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest.Builder signedIn(HttpRequest.Builder request, String user, String password) {
        return request.header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> tasks(String user, String password) throws Exception {
        return send(signedIn(request("/api/tasks"), user, password));
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String kind) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(answer.body()).get("type").asText()).isEqualTo("https://tollgate.io/problems/" + kind);
    }

    @Test
    void apiDocsNeedASignInUnlessMadePublic() throws Exception {
        assertProblem(send(request("/v3/api-docs")), 401, "unauthorized");
        assertProblem(send(request("/swagger-ui.html")), 401, "unauthorized");

        assertThat(send(signedIn(request("/v3/api-docs"), "alice", "alice")).statusCode()).isEqualTo(200);
    }

    @Test
    void versionsAreForSignedInCallersAndHealthIsForAnyone() throws Exception {
        assertProblem(send(request("/actuator/info")), 401, "unauthorized");
        assertThat(send(request("/actuator/health")).statusCode()).isEqualTo(200);
        assertThat(send(request("/actuator/health/liveness")).statusCode()).isEqualTo(200);

        assertThat(send(signedIn(request("/actuator/info"), "alice", "alice")).statusCode()).isEqualTo(200);
    }

    @Test
    void fiveFailedSignInsMakeTheNameAndTheAddressWait() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertProblem(tasks("bob", "guess" + i), 401, "unauthorized");
        }

        HttpResponse<String> rightPassword = tasks("bob", "bob");

        assertProblem(rightPassword, 429, "too-many-sign-in-failures");
        assertThat(rightPassword.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
                seconds -> assertThat(seconds).isBetween(1L, 15 * 60L));
        // every failure came from this test's address, which now waits too
        assertProblem(tasks("alice", "alice"), 429, "too-many-sign-in-failures");
    }

    @Test
    void unknownNamesAreThrottledLikeKnownOnes() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertProblem(tasks("mallory", "guess" + i), 401, "unauthorized");
        }

        assertProblem(tasks("mallory", "guess"), 429, "too-many-sign-in-failures");
    }

    @Test
    void aNameWithAControlCharacterIsJustAWrongName() throws Exception {
        assertProblem(tasks("ali\u0000ce", "alice"), 401, "unauthorized");
    }

    @Test
    void aSuccessfulSignInClearsTheCount() throws Exception {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertProblem(tasks("carol", "guess" + i), 401, "unauthorized");
            }
            assertThat(tasks("carol", "carol").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFormFromAnotherSiteCannotChangeAnything() throws Exception {
        HttpResponse<String> saved = send(signedIn(request("/api/templates/origin-check"), "admin", "admin")
                .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(SMALL)));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        String[][] forged = {
                {"Origin", "https://evil.example", "application/x-www-form-urlencoded", "a=b"},
                {"Origin", "https://evil.example", "text/plain", "{}"},
                {"Origin", "https://evil.example", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n"},
                {"Origin", "http://localhost:" + (port + 1), "application/x-www-form-urlencoded", "a=b"},
                {"Origin", "null", "application/x-www-form-urlencoded", "a=b"},
                {"Referer", "https://evil.example/page.html", "application/x-www-form-urlencoded", "a=b"},
        };

        for (String[] f : forged) {
            HttpResponse<String> answer = send(signedIn(request("/api/templates/origin-check/publish"), "admin", "admin")
                    .header(f[0], f[1]).header("Content-Type", f[2]).POST(HttpRequest.BodyPublishers.ofString(f[3])));
            assertProblem(answer, 403, "cross-origin-request");
        }
        assertThat(send(signedIn(request("/api/templates/origin-check/versions"), "admin", "admin")).body()).isEqualTo("[]");

        HttpResponse<String> ownPage = send(signedIn(request("/api/templates/origin-check/publish"), "admin", "admin")
                .header("Origin", "http://localhost:" + port).header("Referer", "http://localhost:" + port + "/ui/")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(ownPage.statusCode()).as(ownPage.body()).isEqualTo(201);
    }

    @Test
    void readingFromAnotherSiteIsLeftToCors() throws Exception {
        assertThat(send(signedIn(request("/api/tasks"), "alice", "alice").header("Origin", "https://evil.example"))
                .statusCode()).isEqualTo(200);
    }
}
