package io.tollgate.engine.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tollgate.engine.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Control characters, body size and nesting are refused at the door, for every feature alike. */
class RequestGuardIntegrationTests extends IntegrationTestSupport {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    ObjectMapper objectMapper;

    private HttpResponse<String> send(String user, String method, String path, String contentType,
                                      HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long projectsNamed(String q) {
        return api().as("pm").get("/api/projects?size=200&q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8)).get("total").asLong();
    }

    @Test
    void refusesAControlCharacterInAQueryParameter() throws Exception {
        HttpResponse<String> answer = send("pm", "GET", "/api/projects?q=a%00b", null, HttpRequest.BodyPublishers.noBody());

        assertProblem(answer, 400);
        assertThat(answer.body()).contains("invalid-characters").contains("'q'").contains("U+0000");
        assertProblem(send("pm", "GET", "/api/tasks?project=%1B", null, HttpRequest.BodyPublishers.noBody()), 400);
        assertProblem(RawHttp.send(port, "GET /api/projects?q=100% HTTP/1.1", "Authorization: Basic "
                + Base64.getEncoder().encodeToString("pm:pm".getBytes(StandardCharsets.UTF_8))), 400);
    }

    @Test
    void refusesAControlCharacterAnywhereInAJsonBody() throws Exception {
        Map<String, Object> nulInName = ProjectDriver.itDeliveryProject("Nul\u0000name");
        Map<String, Object> nulInField = ProjectDriver.itDeliveryProject("Guarded field");
        nulInField.put("fields", Map.of("budget", 1000, "customer", "AC\u0000ME"));
        Map<String, Object> bellInKey = ProjectDriver.itDeliveryProject("Guarded key");
        bellInKey.put("fields", Map.of("bud\u0007get", 1000));
        Map<String, Object> escapeInList = ProjectDriver.itDeliveryProject("Guarded list");
        escapeInList.put("roles", Map.of("pm", List.of("pm\u001b")));

        for (Map<String, Object> body : List.of(nulInName, nulInField, bellInKey, escapeInList)) {
            Api.Answer answer = api().as("pm").post("/api/projects", body);
            assertProblem(answer.status(), answer.contentType(), answer.text(), 400);
            assertThat(answer.get("type").asText()).endsWith("/invalid-characters");
        }
        assertThat(projectsNamed("Guarded")).isZero();
        assertThat(api().as("pm").post("/api/projects/any/cancel", Map.of("reason", "because\u0000")).status()).isEqualTo(400);
    }

    @Test
    void keepsTabsAndLineBreaks() {
        Api.Answer created = api().as("pm").post("/api/projects", ProjectDriver.itDeliveryProject("Line breaks"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Api.Answer cancelled = api().as("pm").post("/api/projects/" + created.get("id").asText() + "/cancel",
                Map.of("reason", "line one\r\nline two\tindented"));
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
    }

    @Test
    void refusesAControlCharacterInAYamlTemplate() {
        Api.Answer answer = api().as("admin").put("/api/templates/nul-yaml", "application/yaml",
                "key: nul-yaml\nname: \"Bad\\0name\"\n");

        assertProblem(answer.status(), answer.contentType(), answer.text(), 400);
        assertThat(answer.get("type").asText()).endsWith("/invalid-characters");
    }

    @Test
    void refusesABodyOverOneMegabyteWithOrWithoutItsLength() throws Exception {
        String big = "{\"key\":\"big\",\"name\":\"" + "x".repeat(1_500_000) + "\"}";

        assertProblem(send("admin", "PUT", "/api/templates/big", "application/json", HttpRequest.BodyPublishers.ofString(big)), 413);
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        assertProblem(send("admin", "PUT", "/api/templates/big", "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))), 413);
    }

    @Test
    void letsABodyUnderTheCapThroughToTheController() throws Exception {
        String padded = "key: padded\nname: Padded\ndescription: \"" + "y".repeat(990_000) + "\"\n";

        HttpResponse<String> answer = send("admin", "PUT", "/api/templates/padded", "application/yaml",
                HttpRequest.BodyPublishers.ofString(padded));

        // the template's own rules may still refuse it, in their own words
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 400);
        assertThat(answer.body()).doesNotContain("request-too-large");
    }

    @Test
    void refusesJsonNestedTooDeeply() {
        Map<String, Object> body = ProjectDriver.itDeliveryProject("Too deep");
        Object nested = "bottom";
        for (int i = 0; i < 100; i++) {
            nested = List.of(nested);
        }
        body.put("fields", new LinkedHashMap<>(Map.of("customer", nested)));

        Api.Answer answer = api().as("pm").post("/api/projects", body);

        assertProblem(answer.status(), answer.contentType(), answer.text(), 400);
        assertThat(answer.get("type").asText()).endsWith("/body-too-complex");
    }

    @Test
    void springsObjectMapperReadsWithinLimitsToo() throws Exception {
        // twice the request depth: it also reads back events, which wrap request data
        String deep = "[".repeat(129) + "]".repeat(129);

        assertThatThrownBy(() -> objectMapper.readTree(deep)).hasMessageContaining("nesting depth");
        assertThat(objectMapper.readTree("[".repeat(128) + "]".repeat(128)).isArray()).isTrue();
    }

    @Test
    void refusesAPageBeyondTheCap() throws Exception {
        // needs the bound in ProjectService.list (page at most 10,000): see the report of this change
        assertProblem(send("pm", "GET", "/api/projects?page=2147483647", null, HttpRequest.BodyPublishers.noBody()), 400);
        assertProblem(send("pm", "GET", "/api/projects?page=10001", null, HttpRequest.BodyPublishers.noBody()), 400);
        assertProblem(send("pm", "GET", "/api/projects?size=201", null, HttpRequest.BodyPublishers.noBody()), 400);
        assertThat(send("pm", "GET", "/api/projects?page=10000&size=200", null, HttpRequest.BodyPublishers.noBody())
                .statusCode()).isEqualTo(200);
    }
}
