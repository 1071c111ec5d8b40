package io.tollgate.engine.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What every error answer must look like, whoever raised it. */
final class ProblemAssertions {

    /** A Java class or package name, or an exception's name. */
    static final Pattern JAVA_NAME = Pattern.compile(
            "\\b(?:java|javax|jakarta|org|com|io)\\.[a-z]|\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b|[A-Z][a-z]+[A-Z]\\w*\\.[a-z]\\w*\\(\\)");

    private ProblemAssertions() {
    }

    static void assertProblem(int status, String contentType, String body, int expectedStatus) {
        assertThat(status).as(body).isEqualTo(expectedStatus);
        assertThat(contentType).as("content type of %s", body).startsWith("application/problem+json");
        JsonNode json;
        try {
            json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        assertThat(json.path("type").asText()).as(body).startsWith("https://tollgate.io/problems/");
        assertThat(json.path("title").asText()).as(body).isNotBlank();
        assertThat(json.path("status").asInt()).as(body).isEqualTo(expectedStatus);
        assertThat(json.path("detail").asText()).as(body).isNotBlank();
        assertThat(JAVA_NAME.matcher(body).find()).as("no Java names in %s", body).isFalse();
    }

    static void assertProblem(RawHttp.Answer answer, int expectedStatus) {
        assertProblem(answer.status(), answer.header("Content-Type"), answer.body(), expectedStatus);
    }

    static void assertProblem(java.net.http.HttpResponse<String> answer, int expectedStatus) {
        assertProblem(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""), answer.body(),
                expectedStatus);
    }
}
