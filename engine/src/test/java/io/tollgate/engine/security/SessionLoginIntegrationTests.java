package io.tollgate.engine.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI's sign-in through HTTP: the form at {@code /login} with its CSRF token, the session it
 * opens, CSRF on the API for that session only, the throttle on the form, and the API still
 * answering 401 problems instead of redirects.
 */
class SessionLoginIntegrationTests extends IntegrationTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    LoginThrottle throttle;

    @BeforeEach
    @AfterEach
    void clearThrottle() {
        throttle.clear();
    }

    private final class Session {
        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpRequest.Builder at(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        HttpResponse<String> signIn(String user, String password) throws Exception {
            send(at("/login"));
            String token = cookie("XSRF-TOKEN");
            assertThat(token).as("the sign-in page sets the CSRF cookie").isNotBlank();
            return send(at("/login").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(user) + "&password=" + enc(password)
                            + "&_csrf=" + enc(token))));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void theAppIsForSignedInPeopleAndTheApiNeverRedirects() throws Exception {
        Session anonymous = new Session();
        HttpResponse<String> app = anonymous.send(anonymous.at("/"));
        assertThat(app.statusCode()).isEqualTo(302);
        assertThat(app.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        HttpResponse<String> api = anonymous.send(anonymous.at("/api/tasks"));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

        HttpResponse<String> login = anonymous.send(anonymous.at("/login"));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<form", "name=\"_csrf\"");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("object-src 'none'");
        assertThat(anonymous.cookie("JSESSIONID")).as("no session before signing in").isNull();
    }

    @Test
    void signingInOpensASessionWhoseChangesNeedTheCsrfToken() throws Exception {
        Session pm = new Session();
        HttpResponse<String> signedIn = pm.signIn("pm", "pm");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/");

        assertThat(pm.send(pm.at("/")).statusCode()).isEqualTo(200);
        JsonNode me = JSON.readTree(pm.send(pm.at("/ui/session")).body());
        assertThat(me.get("username").asText()).isEqualTo("pm");
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("pm");
        assertThat(pm.send(pm.at("/api/tasks")).statusCode()).isEqualTo(200);

        String body = JSON.writeValueAsString(ProjectDriver.itDeliveryProject("Via the session"));
        HttpResponse<String> without = pm.send(pm.at("/api/projects").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(without.body()).get("type").asText()).endsWith("/csrf-token-invalid");

        pm.send(pm.at("/"));
        HttpResponse<String> with = pm.send(pm.at("/api/projects").header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", pm.cookie("XSRF-TOKEN")).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(with.statusCode()).as(with.body()).isEqualTo(201);

        // a request with its own credentials needs no token and opens no session
        Session basic = new Session();
        HttpResponse<String> viaBasic = basic.send(basic.at("/api/projects").header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("pm:pm".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(viaBasic.statusCode()).isEqualTo(201);
        assertThat(basic.cookie("JSESSIONID")).isNull();

        // signing out ends the session: the API answers 401 again
        pm.send(pm.at("/logout").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(pm.cookie("XSRF-TOKEN")))));
        assertThat(pm.send(pm.at("/api/tasks")).statusCode()).isEqualTo(401);
    }

    @Test
    void theFormRefusesWrongPasswordsMissingTokensAndThrottles() throws Exception {
        Session guest = new Session();
        guest.send(guest.at("/login"));
        HttpResponse<String> noToken = guest.send(guest.at("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=pm&password=pm")));
        assertThat(noToken.statusCode()).isEqualTo(403);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = guest.signIn("carol", "not-her-password");
            assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error=credentials");
        }
        HttpResponse<String> throttled = guest.signIn("carol", "carol");
        assertThat(throttled.headers().firstValue("Location").orElseThrow()).endsWith("/login?error=throttled");
    }

    @Test
    void aUserWhosePasswordAnAdminChoseIsToldSo() throws Exception {
        Session admin = new Session();
        admin.signIn("admin", "admin");
        admin.send(admin.at("/"));
        String user = "{\"username\":\"erin-session\",\"displayName\":\"Erin\",\"password\":\"Initial-password-1\"}";
        HttpResponse<String> created = admin.send(admin.at("/api/users").header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", admin.cookie("XSRF-TOKEN")).POST(HttpRequest.BodyPublishers.ofString(user)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        Session erin = new Session();
        erin.signIn("erin-session", "Initial-password-1");
        assertThat(JSON.readTree(erin.send(erin.at("/ui/session")).body()).get("mustChangePassword").asBoolean()).isTrue();
        assertThat(erin.send(erin.at("/api/tasks")).statusCode()).isEqualTo(403);
        erin.send(erin.at("/"));
        HttpResponse<String> changed = erin.send(erin.at("/api/users/erin-session/password").header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", erin.cookie("XSRF-TOKEN")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"currentPassword\":\"Initial-password-1\",\"password\":\"Erin-own-password-2\"}")));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);

        Session again = new Session();
        again.signIn("erin-session", "Erin-own-password-2");
        assertThat(JSON.readTree(again.send(again.at("/ui/session")).body()).get("mustChangePassword").asBoolean()).isFalse();
        assertThat(again.send(again.at("/api/tasks")).statusCode()).isEqualTo(200);
    }
}
