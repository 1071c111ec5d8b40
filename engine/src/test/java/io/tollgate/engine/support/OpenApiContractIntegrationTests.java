package io.tollgate.engine.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is a contract clients generate code from: it passes a standard OpenAPI
 * validator (swagger-parser) without a message, and the API's own lint rules, which are checked to
 * bite on a document that breaks them.
 */
class OpenApiContractIntegrationTests extends IntegrationTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String PROBLEM_REF = "#/components/schemas/ProblemDetail";

    private String text;
    private JsonNode doc;

    @BeforeEach
    void fetchTheDocument() throws IOException {
        Api.Answer answer = api().as("admin").get("/v3/api-docs");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        text = answer.text();
        doc = answer.json();
        // kept for people and tools to read after the build
        Path out = Path.of("target", "openapi.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    }

    @Test
    void aStandardValidatorFindsNothingToSay() {
        assertThat(validatorMessages(text)).isEmpty();
    }

    @Test
    void theValidatorComplainsAboutABrokenDocument() {
        ObjectNode broken = doc.deepCopy();
        ((ObjectNode) broken.get("info")).remove("title");
        ((ObjectNode) firstOperation(broken)).putArray("responses").add("not a response");
        assertThat(validatorMessages(broken.toString())).isNotEmpty();
    }

    @Test
    void theDocumentKeepsTheApisOwnRules() {
        assertThat(violations(doc)).isEmpty();
    }

    @Test
    void theOwnRulesCatchWhatTheyAreAbout() {
        ObjectNode broken = doc.deepCopy();
        ObjectNode operation = (ObjectNode) firstOperation(broken);
        operation.put("summary", " ");
        ObjectNode unauthorized = (ObjectNode) operation.get("responses").get("401");
        ((ObjectNode) unauthorized.get("content")).removeAll().putObject("application/json");
        ((ObjectNode) broken.at("/paths/~1api~1projects/post/responses")).putObject("200").put("description", "OK");
        ((ObjectNode) broken.at("/paths/~1api~1projects/get/responses")).putObject("503").put("description", "Down");
        ((ObjectNode) broken.at("/paths/~1api~1projects~1{id}/get/responses")).remove("200");
        ((ObjectNode) broken.at("/components/securitySchemes")).remove("bearerAuth");
        ((ObjectNode) broken.get("info")).put("version", "");

        assertThat(violations(broken)).anyMatch(v -> v.contains("no summary"))
                .anyMatch(v -> v.contains("401 is not a ProblemDetail"))
                .anyMatch(v -> v.contains("POST /api/projects documents 200"))
                .anyMatch(v -> v.contains("503"))
                .anyMatch(v -> v.contains("GET /api/projects/{id} documents no 2xx"))
                .anyMatch(v -> v.contains("bearerAuth"))
                .anyMatch(v -> v.contains("info.version"));
    }

    @Test
    void signingInIsBasicOrBearer() {
        JsonNode schemes = doc.at("/components/securitySchemes");
        assertThat(schemes.at("/basicAuth/type").asText()).isEqualTo("http");
        assertThat(schemes.at("/basicAuth/scheme").asText()).isEqualTo("basic");
        assertThat(schemes.at("/bearerAuth/scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.at("/bearerAuth/bearerFormat").asText()).isEqualTo("JWT");
        List<String> required = new ArrayList<>();
        doc.get("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(required::add));
        assertThat(required).containsExactlyInAnyOrder("basicAuth", "bearerAuth");
    }

    @Test
    void startingAProjectIsDocumentedAsTheApiAnswersIt() {
        JsonNode responses = doc.at("/paths/~1api~1projects/post/responses");
        assertThat(responses.has("201")).as(responses.toString()).isTrue();
        assertThat(responses.has("200")).as(responses.toString()).isFalse();
        // the project, or with Prefer: return=minimal only its id, name and status
        assertThat(responses.at("/201/content/application~1json/schema/oneOf")).extracting(s -> s.path("$ref").asText())
                .anySatisfy(ref -> assertThat(ref).endsWith("/ProjectView"))
                .anySatisfy(ref -> assertThat(ref).endsWith("/Started"));

        Api.Answer started = api().as("pm").post("/api/projects", ProjectDriver.itDeliveryProject("Documented"));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        Api.Answer refused = api().as("alice").post("/api/projects", ProjectDriver.itDeliveryProject("Not mine to start"));
        assertThat(responses.has(Integer.toString(refused.status()))).as("documents %s", refused.status()).isTrue();
    }

    @Test
    void operationsSayWhatTheyAreForAndWhereTheyBelong() {
        JsonNode complete = doc.at("/paths/~1api~1tasks~1{id}~1complete/post");
        assertThat(complete.get("summary").asText()).isEqualTo("Complete a task with its field values");
        assertThat(complete.get("operationId").asText()).isEqualTo("completeTask");
        assertThat(complete.at("/responses/409/description").asText()).contains("`unmet`");
        assertThat(complete.at("/responses/409/content/application~1problem+json/schema/$ref").asText()).isEqualTo(PROBLEM_REF);
        assertThat(doc.at("/paths/~1api~1projects~1{projectId}~1risks/get/tags/0").asText()).isEqualTo("Risks");
        assertThat(doc.at("/paths/~1api~1tasks~1{id}~1decision/post/tags/0").asText()).isEqualTo("Tasks and approvals");
        assertThat(complete.get("parameters")).extracting(p -> p.path("$ref").asText())
                .contains("#/components/parameters/IdempotencyKey");
    }

    @Test
    void controllersWithoutAnnotationsAreDocumentedToo() {
        // the template API of the modeler carries no OpenAPI annotations
        JsonNode publish = doc.at("/paths/~1api~1templates~1{key}~1publish/post");
        assertThat(publish.get("tags")).extracting(JsonNode::asText).containsExactly("Templates");
        assertThat(publish.get("summary").asText()).isNotBlank();
        assertThat(publish.get("responses").has("201")).as(publish.toString()).isTrue();
        assertThat(publish.get("responses").has("200")).as(publish.toString()).isFalse();
        assertThat(publish.at("/responses/404/content/application~1problem+json/schema/$ref").asText()).isEqualTo(PROBLEM_REF);
        assertThat(publish.get("operationId").asText()).doesNotMatch(".*_\\d+");
    }

    @Test
    void theProblemSchemaSaysWhatEveryErrorCarries() {
        JsonNode properties = doc.at("/components/schemas/ProblemDetail/properties");
        assertThat(properties.fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "instance", "errors", "unmet");
        assertThat(properties.at("/errors/items/properties").fieldNames()).toIterable().contains("path", "message");
        assertThat(properties.at("/unmet/items/properties").fieldNames()).toIterable().contains("kind", "key", "message");
    }

    private static List<String> validatorMessages(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        List<String> messages = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            messages.add("the validator could not read the document");
        }
        return messages;
    }

    /** The API's own lint rules; each violation says where and what. */
    static List<String> violations(JsonNode doc) {
        List<String> out = new ArrayList<>();
        if (!"Tollgate API".equals(doc.at("/info/title").asText())) {
            out.add("info.title is not Tollgate API");
        }
        if (doc.at("/info/version").asText().isBlank()) {
            out.add("info.version is blank");
        }
        JsonNode schemes = doc.at("/components/securitySchemes");
        for (String scheme : List.of("basicAuth", "bearerAuth")) {
            if (!schemes.has(scheme)) {
                out.add("security scheme " + scheme + " is missing");
            }
        }
        Set<String> declaredTags = new java.util.HashSet<>();
        doc.path("tags").forEach(t -> declaredTags.add(t.path("name").asText()));
        Map<String, String> operationIds = new HashMap<>();
        forEachOperation(doc, (where, operation) -> {
            if (operation.path("summary").asText().isBlank()) {
                out.add(where + " has no summary");
            }
            String id = operation.path("operationId").asText();
            if (id.isBlank()) {
                out.add(where + " has no operationId");
            } else if (operationIds.putIfAbsent(id, where) != null) {
                out.add(where + " has the operationId " + id + " of " + operationIds.get(id));
            }
            if (!operation.has("tags") || operation.get("tags").isEmpty()) {
                out.add(where + " has no tag");
            }
            operation.path("tags").forEach(tag -> {
                if (!declaredTags.contains(tag.asText()) || tag.asText().endsWith("-controller")) {
                    out.add(where + " has the tag " + tag.asText() + ", not one of the API's");
                }
            });
            boolean success = false;
            for (Iterator<String> codes = operation.path("responses").fieldNames(); codes.hasNext(); ) {
                success |= codes.next().startsWith("2");
            }
            if (!success) {
                out.add(where + " documents no 2xx answer");
            }
            for (String always : List.of("401", "403")) {
                if (!operation.path("responses").has(always)) {
                    out.add(where + " does not document " + always);
                }
            }
            Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").fields();
            while (responses.hasNext()) {
                Map.Entry<String, JsonNode> response = responses.next();
                String code = response.getKey();
                if (code.startsWith("5") && !code.equals("500")) {
                    out.add(where + " documents " + code + "; only a generic 500 is allowed");
                }
                if (code.startsWith("4") || code.startsWith("5")) {
                    JsonNode content = response.getValue().path("content");
                    if (content.size() != 1 || !PROBLEM_REF.equals(content.at("/application~1problem+json/schema/$ref").asText())) {
                        out.add(where + " " + code + " is not a ProblemDetail as application/problem+json");
                    }
                }
            }
        });
        JsonNode create = doc.at("/paths/~1api~1projects/post/responses");
        if (!create.has("201") || create.has("200")) {
            out.add("POST /api/projects documents " + (create.has("200") ? "200" : "no 201") + " instead of 201");
        }
        return out;
    }

    private static void forEachOperation(JsonNode doc, BiConsumer<String, JsonNode> action) {
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (METHODS.contains(method.getKey())) {
                action.accept(method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), method.getValue());
            }
        }));
    }

    private static JsonNode firstOperation(JsonNode doc) {
        List<JsonNode> found = new ArrayList<>();
        forEachOperation(doc, (where, operation) -> found.add(operation));
        return found.get(0);
    }
}
