package io.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives projects the way people would: each demo user opens their inbox, completes their tasks
 * with valid values for the fields shown, and approves their approvals.
 */
public final class ProjectDriver {

    public static final List<String> USERS = List.of("admin", "pm", "alice", "bob", "carol");

    private final Api api;

    public ProjectDriver(Api api) {
        this.api = api;
    }

    /** The standard role assignment for it-delivery-like templates. */
    public static Map<String, Object> itDeliveryProject(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("template", "it-delivery");
        body.put("name", name);
        body.put("fields", Map.of("budget", 120000, "customer", "ACME"));
        body.put("roles", Map.of("pm", List.of("pm"), "sponsor", List.of("carol"), "dev", List.of("alice", "bob"),
                "qa", List.of("carol")));
        return body;
    }

    public JsonNode project(String id) {
        Api.Answer answer = api.as("pm").get("/api/projects/" + id);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    /** Opens every user's inbox once and acts on each item; answers how many items were acted on. */
    public int round(String projectId) {
        int acted = 0;
        for (String user : USERS) {
            Api.Answer inbox = api.as(user).get("/api/tasks?project=" + projectId);
            assertThat(inbox.status()).isEqualTo(200);
            for (JsonNode item : inbox.json()) {
                String id = item.get("id").asText();
                Api.Answer done;
                if (item.get("kind").asText().equals("task")) {
                    done = api.as(user).post("/api/tasks/" + id + "/complete", Map.of("fields", values(item.get("fields"), api.as(user))));
                } else {
                    // approvals ask for the short answer, as a client that reloads its own inbox does
                    done = api.as(user).prefer("return=minimal").post("/api/tasks/" + id + "/decision",
                            Map.of("decision", "approve"));
                    assertThat(done.status()).as("%s acting on %s: %s", user, item, done.text()).isEqualTo(200);
                    assertThat(done.get("status").asText()).isEqualTo("done");
                    assertThat(done.get("projectId").asText()).isEqualTo(projectId);
                }
                assertThat(done.status()).as("%s acting on %s: %s", user, item, done.text()).isEqualTo(200);
                acted++;
            }
        }
        return acted;
    }

    /** Works the project until it is completed; fails when nobody has anything left to do first. */
    public JsonNode runToCompletion(String projectId) {
        for (int i = 0; i < 100; i++) {
            JsonNode project = project(projectId);
            if (!project.get("status").asText().equals("active")) {
                return project;
            }
            assertThat(round(projectId)).as("nobody can move project %s: %s", projectId, project).isPositive();
        }
        throw new AssertionError("project " + projectId + " did not finish in 100 rounds");
    }

    /** {@code head} then as much of {@code tail} as maxLength allows, padded with letters to minLength. */
    private static String fitted(JsonNode f, String head, String tail) {
        int min = f.path("minLength").asInt(0);
        int max = f.hasNonNull("maxLength") ? f.get("maxLength").asInt() : Integer.MAX_VALUE;
        String value = head + tail;
        if (value.length() > max && !head.isEmpty()) {
            value = head + tail.substring(0, Math.max(0, max - head.length()));
        }
        StringBuilder out = new StringBuilder(value);
        while (out.length() < min) {
            out.insert(head.length(), 'x');
        }
        return out.toString();
    }

    /** Text within the field's length rules. */
    private static String text(JsonNode f, String key) {
        String text = "Filled " + key;
        int min = f.path("minLength").asInt(0);
        int max = f.hasNonNull("maxLength") ? f.get("maxLength").asInt() : Integer.MAX_VALUE;
        while (text.length() < min) {
            text = text + "x";
        }
        return text.length() > max ? text.substring(0, max) : text;
    }

    /** A small PDF, as an attachment field takes it. */
    public static final byte[] PDF = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Uploads a file as the user {@code api} calls as; answers its id, the value of an attachment field. */
    public static String upload(Api api, String filename, byte[] bytes) {
        Api.Answer answer = api.upload("/api/attachments", filename, "application/pdf", bytes);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.get("id").asText();
    }

    /** Valid values for the fields an inbox item shows; fields already filled keep their value. */
    public static Map<String, Object> values(JsonNode fields) {
        return values(fields, null);
    }

    /**
     * Valid values for the fields, uploading a file (as the user of {@code uploader}) for each attachment
     * field; without an uploader, an attachment field gets text, which no attachment field takes.
     */
    public static Map<String, Object> values(JsonNode fields, Api uploader) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (fields == null) {
            return values;
        }
        for (JsonNode f : fields) {
            if (f.hasNonNull("value")) {
                continue;
            }
            String key = f.get("key").asText();
            values.put(key, switch (f.get("type").asText()) {
                case "url" -> fitted(f, "https://e.io/", key);
                case "email" -> fitted(f, "", "a@e.io");
                case "number", "money", "percent" -> f.hasNonNull("min") ? f.get("min").decimalValue()
                        : f.hasNonNull("max") ? f.get("max").decimalValue() : 1;
                case "date" -> "2026-12-01";
                case "datetime" -> "2026-12-01T10:00:00+08:00";
                case "boolean" -> true;
                case "select" -> f.get("options").get(0).get("value").asText();
                case "multiselect" -> List.of(f.get("options").get(0).get("value").asText());
                case "user" -> "alice";
                case "users" -> List.of("alice");
                case "attachment" -> uploader == null ? text(f, key) : upload(uploader, key + ".pdf", PDF);
                default -> text(f, key);
            });
        }
        return values;
    }
}
