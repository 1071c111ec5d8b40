package io.tollgate.engine.support;

import io.tollgate.engine.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static io.tollgate.engine.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error is a problem, wherever it is raised: by Tomcat before the application sees the
 * request, by Spring Security's firewall, by Spring MVC, or at the error page itself.
 */
class ErrorProblemsIntegrationTests extends IntegrationTestSupport {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder as(String user, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", basic(user));
    }

    @Test
    void theErrorPageCalledDirectlyIsNotFound() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/error"))), 404);
        assertProblem(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/error"))
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.noBody())), 404);
    }

    @Test
    void aBadPercentEncodingIsAProblem() throws Exception {
        assertProblem(RawHttp.send(port, "GET /api/projects/%zz HTTP/1.1"), 400);
    }

    @Test
    void headersTooLargeAreAProblem() throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "GET /api/projects HTTP/1.1", "X-Padding: " + "a".repeat(20_000));

        assertThat(answer.status()).isIn(400, 431);
        assertProblem(answer, answer.status());
    }

    @Test
    void requestsTomcatRefusesAreProblems() throws Exception {
        assertProblem(RawHttp.send(port, "GET /api/pro{jects HTTP/1.1"), 400);
        assertProblem(RawHttp.send(port, "GET ?page=1 HTTP/1.1"), 400);
        assertProblem(RawHttp.send(port, "GET /api/projects HTTP/1.1", "Bad Header: x"), 400);
        assertProblem(RawHttp.send(port, "GET /api/projects HTTP/9.9"), 505);
    }

    @Test
    void requestsTheFirewallRefusesAreProblems() throws Exception {
        assertProblem(RawHttp.send(port, "GET /api/projects/..;/tasks HTTP/1.1", "Authorization: " + basic("pm")), 400);
        assertProblem(RawHttp.send(port, "GET /api/projects/%2e%2e/tasks HTTP/1.1"), 400);
    }

    @Test
    void aMethodNotAllowedIsATollgateProblemAndSaysWhichAre() throws Exception {
        HttpResponse<String> answer = send(as("pm", "/api/projects").DELETE());

        assertProblem(answer, 405);
        assertThat(answer.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void anUnsupportedMediaTypeIsATollgateProblem() throws Exception {
        assertProblem(send(as("pm", "/api/projects").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))), 415);
    }

    @Test
    void aResponseTheClientDoesNotAcceptIsStillAProblem() throws Exception {
        assertProblem(send(as("pm", "/api/projects").header("Accept", "image/png")), 406);
        HttpResponse<String> garbled = send(as("pm", "/api/projects").header("Accept", "???"));
        assertThat(garbled.statusCode()).isIn(400, 406);
        assertProblem(garbled, garbled.statusCode());
    }

    @Test
    void anUnknownAddressIsATollgateProblem() throws Exception {
        HttpResponse<String> answer = send(as("pm", "/api/nothing-here"));

        assertProblem(answer, 404);
        assertThat(answer.body()).doesNotContain("static resource");
        assertProblem(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/nothing-here"))), 404);
    }

    @Test
    void noProblemNamesAJavaClass() throws Exception {
        // deeper than any parser's default limit: the refusal used to quote Jackson's class and method
        String deep = "{\"key\":\"deep\",\"stages\":" + "[".repeat(1500) + "]".repeat(1500) + "}";
        HttpResponse<String> answer = send(as("admin", "/api/templates/deep").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(deep)));

        assertProblem(answer, 400);
        assertProblem(send(as("pm", "/api/projects?page=abc")), 400);
    }
}
