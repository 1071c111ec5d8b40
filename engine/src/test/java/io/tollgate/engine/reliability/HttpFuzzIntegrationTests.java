package io.tollgate.engine.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import io.tollgate.engine.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests over every operation of the HTTP API, as the live OpenAPI document lists them (so a
 * new endpoint is covered without touching this test): path variables with real ids and with hostile
 * ones, bodies with numbers no type holds, strings of up to two million characters with control
 * characters, lone surrogates, right-to-left marks and emoji, nesting 10,000 deep, arrays of
 * 100,000 items, every field of the wrong type, invalid JSON, wrong content types, YAML bombs, hostile
 * query parameters, as admin, project manager, member and nobody. No answer is a 5xx, and every 4xx is
 * {@code application/problem+json} whose {@code status} is the answer's.
 *
 * <p>{@code -Dtollgate.httpfuzz.count} requests (600 by default, so the build stays fast) from the seed
 * {@code -Dtollgate.httpfuzz.seed}; a failure prints the request, the answer and what the server logged.
 */
class HttpFuzzIntegrationTests extends IntegrationTestSupport {

    /** The fuzz switches the demo workspace's modules at random; the tests that share the server expect them on. */
    @AfterEach
    void switchTheModulesBackOn() {
        for (String module : List.of("budget", "checkin", "releases", "risks", "timesheets")) {
            api().as("admin").put("/api/modules/" + module, "application/json", "{\"enabled\": true}");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long MAX_BODY = 1024 * 1024;
    private static final String VICTIM = "fuzz-victim";
    private static final List<String> DEMO_USERS = List.of("admin", "pm", "alice", "bob", "carol");
    private static final List<String> OTHER_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND");
    private static final List<String> ACCEPTS = List.of("application/json", "application/xml", "text/html", "application/yaml",
            "*/*", "image/png", "application/problem+json", "text/plain;q=0.5, application/xml", "invalid/", "a", "text/*;q=x");
    private static final List<String> WRONG_TYPES = List.of("text/plain", "application/xml", "text/html", "application/octet-stream",
            "application/json; charset=UTF-16", "application/json; charset=bogus", "application/json;;;", "application/yaml",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", "json", "application/vnd.evil+json",
            "text/plain; charset=ISO-8859-1", "application/*", "text/*", "application/json; charset=\"\"",
            "application/json;charset=utf-8;charset=latin1", "application/json; charset=UTF-32", "x/" + "y".repeat(300));

    record Param(String name, String in) {
    }

    /** One operation of the OpenAPI document. */
    record Operation(String method, String path, List<Param> params, Map<String, JsonNode> bodies, boolean bodyRequired) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** What a request was, for the report of a failure. */
    record Sent(int index, Operation operation, Http.Call call) {
        String describe() {
            String body = call.body() == null ? "(none)" : call.bodyLength() + " bytes: " + excerpt(new String(call.body(), StandardCharsets.UTF_8), 400);
            StringBuilder headers = new StringBuilder();
            call.headers().forEach(h -> headers.append(h[0]).append(": ").append(excerpt(h[1], 120)).append("; "));
            return "#" + index + " [" + operation + "] as " + (call.user() == null ? "nobody" : call.user()) + ": " + call.method()
                    + " " + excerpt(call.path(), 400) + "\n    content-type: " + call.contentType() + (call.chunked() ? " (body sent in chunks)" : "") + "\n    headers: " + headers
                    + "\n    body: " + body;
        }
    }

    private Http http;
    private Hostile hostile;
    private ServerLog serverLog;
    private String itDeliveryJson;
    private String itDeliveryYaml;

    private final List<String> projects = new ArrayList<>();
    private final List<String> tasks = new ArrayList<>();
    private final List<String> approvals = new ArrayList<>();
    private final Map<String, List<String>> risks = new LinkedHashMap<>();
    private final List<String> templates = new ArrayList<>();
    private final List<String> modules = new ArrayList<>();
    private final List<String> victims = new ArrayList<>(List.of(VICTIM));

    private final Map<String, Integer> byClass = new TreeMap<>();
    private final Map<Integer, Integer> byStatus = new TreeMap<>();
    private final Map<String, Integer> byOperation = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    /** Failures by what went wrong, the answer and the first line of the server's stack trace. */
    private final Map<String, Integer> kinds = new TreeMap<>();
    /** Requests to print as they are answered: {@code -Dtollgate.httpfuzz.trace=12,345} (or {@code all}), to study a case. */
    private final Set<Integer> trace = traced();
    private String previous = "(none)";
    private int sent;
    private int fiveXx;
    private int nonProblem;
    private int closed;
    private int dropped;

    @Test
    void noHostileRequestIsAnswered5xxAndEvery4xxIsAProblem() throws Exception {
        int count = Integer.getInteger("tollgate.httpfuzz.count", 600);
        long seed = Long.getLong("tollgate.httpfuzz.seed", 20_261_122L);
        http = new Http("http://localhost:" + port, Duration.ofSeconds(60));
        hostile = new Hostile(new Random(seed));
        try (ServerLog log = new ServerLog()) {
            serverLog = log;
            List<Operation> operations = operations();
            setUp();
            List<Operation> order = new ArrayList<>(operations);
            for (int i = 0; i < count; i++) {
                if (i % operations.size() == 0) {
                    Collections.shuffle(order, hostile.random());
                }
                if (i > 0 && i % 40 == 0) {
                    enableModules();
                }
                if (i > 0 && i % 150 == 0) {
                    newProject();
                }
                Operation op = order.get(i % order.size());
                Sent request = new Sent(i, op, request(op));
                byOperation.merge(op.toString(), 1, Integer::sum);
                send(request);
            }
            String summary = String.format(Locale.ROOT, "[httpfuzz] db=%s seed=%d requests=%d operations=%d by-class=%s 5xx=%d "
                            + "non-problem-4xx=%d closed-before-answer=%d dropped-and-resent=%d failures=%d",
                    TestDatabase.postgres() ? "postgres" : "h2", seed, sent, operations.size(), byClass, fiveXx, nonProblem,
                    closed, dropped, failures.size());
            System.out.println(summary);
            System.out.println("[httpfuzz] answers by status: " + byStatus);
            System.out.println("[httpfuzz] requests per operation: " + byOperation);
            failures.forEach(f -> System.out.println("[httpfuzz] FAILURE " + f));
            kinds.forEach((k, n) -> System.out.println("[httpfuzz] failure kind x" + n + ": " + k));
            if (count >= operations.size()) {
                assertThat(byOperation.keySet()).as("every operation was fuzzed")
                        .containsAll(operations.stream().map(Operation::toString).toList());
            }
            assertThat(kinds).as(summary).isEmpty();
        }
    }

    /**
     * Found by the fuzz run: a request refused before its body is read (here 401, no credentials) whose
     * chunked body is larger than Tomcat swallows (2 MB) is answered as if the connection stayed open,
     * and then the connection is closed; the client's next request on it gets no answer at all. An
     * answer must either say {@code Connection: close} or leave the connection usable.
     */
    @Test
    void aRefusedHugeChunkedBodyEitherClosesTheConnectionOrLeavesItUsable() throws IOException {
        org.assertj.core.api.SoftAssertions softly = new org.assertj.core.api.SoftAssertions();
        for (String user : java.util.Arrays.asList(null, "pm")) {
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.setSoTimeout(15_000);
                java.io.OutputStream out = socket.getOutputStream();
                java.io.InputStream in = socket.getInputStream();
                String head = "POST /api/templates/it-delivery/migrations HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                        + (user == null ? "" : "Authorization: Basic " + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)) + "\r\n") + "\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'a');
                boolean sentAll = true;
                try {
                    for (int sentBytes = 0; sentBytes < 3 * 1024 * 1024; sentBytes += chunk.length) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (java.net.SocketException closedWhileSending) {
                    sentAll = false;
                }
                String first = readAnswerHead(in);
                if (!first.startsWith("HTTP/1.1 4")) {
                    softly.fail("as %s, a 3 MB chunked body was answered: %s", user, first);
                    continue;
                }
                if (first.toLowerCase(Locale.ROOT).contains("\r\nconnection: close")) {
                    continue;
                }
                if (!sentAll) {
                    softly.fail("as %s, the server stopped taking a body it answered without 'Connection: close':%n%s", user, first);
                    continue;
                }
                String second;
                try {
                    skipBody(in, first);
                    out.write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    second = readAnswerHead(in);
                } catch (IOException e) {
                    second = "(" + e + ")";
                }
                softly.assertThat(second).as("as %s, the answer to a 3 MB chunked body did not say 'Connection: close':%n%s%n"
                        + "so the next request on that connection must be answered; it got", user, first).startsWith("HTTP/1.1 200");
            }
        }
        softly.assertAll();
    }

    /** The status line and headers of an answer; empty when the connection ends first. */
    private static String readAnswerHead(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private static void skipBody(java.io.InputStream in, String head) throws IOException {
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
            return;
        }
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            while (true) {
                String size = readLine(in).trim();
                int n = Integer.parseInt(size.isEmpty() ? "0" : size, 16);
                in.readNBytes(n);
                readLine(in);
                if (n == 0) {
                    return;
                }
            }
        }
    }

    private static String readLine(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        return line.toString();
    }

    // ---------------------------------------------------------------- the operations

    /** Every operation of the live OpenAPI document. */
    private List<Operation> operations() {
        Http.Answer docs = http.get("/v3/api-docs", "admin");
        assertThat(docs.status()).as(docs.text()).isEqualTo(200);
        JsonNode doc = docs.json();
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (!OTHER_METHODS.contains(method)) {
                    continue;
                }
                List<Param> params = new ArrayList<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    JsonNode param = resolve(doc, p);
                    params.add(new Param(param.path("name").asText(), param.path("in").asText()));
                }
                Map<String, JsonNode> bodies = new LinkedHashMap<>();
                JsonNode body = resolve(doc, op.getValue().path("requestBody"));
                for (Iterator<Map.Entry<String, JsonNode>> types = body.path("content").fields(); types.hasNext(); ) {
                    Map.Entry<String, JsonNode> type = types.next();
                    bodies.put(type.getKey(), inline(doc, type.getValue().path("schema"), 0));
                }
                out.add(new Operation(method, path.getKey(), params, bodies, body.path("required").asBoolean(false)));
            }
        }
        assertThat(out).as("operations in the OpenAPI document").hasSizeGreaterThan(10);
        return out;
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode at = node;
        for (int i = 0; i < 10 && at.has("$ref"); i++) {
            String ref = at.get("$ref").asText();
            at = doc.at(ref.substring(1));
        }
        return at;
    }

    /** The schema with every reference replaced by what it names (cycles cut off). */
    private static JsonNode inline(JsonNode doc, JsonNode schema, int depth) {
        JsonNode resolved = resolve(doc, schema);
        if (depth > 6 || !resolved.isObject()) {
            return resolved;
        }
        ObjectNode out = resolved.deepCopy();
        if (out.has("properties")) {
            ObjectNode props = NODES.objectNode();
            out.get("properties").fields().forEachRemaining(e -> props.set(e.getKey(), inline(doc, e.getValue(), depth + 1)));
            out.set("properties", props);
        }
        if (out.has("items")) {
            out.set("items", inline(doc, out.get("items"), depth + 1));
        }
        if (out.path("additionalProperties").isObject()) {
            out.set("additionalProperties", inline(doc, out.get("additionalProperties"), depth + 1));
        }
        return out;
    }

    // ---------------------------------------------------------------- real things to aim at

    private void setUp() throws IOException {
        enableModules();
        Http.Answer list = ok(Http.Call.of("GET", "/api/templates", "admin"));
        list.json().forEach(t -> templates.add(t.get("key").asText()));
        assertThat(templates).contains("it-delivery");
        itDeliveryJson = ok(Http.Call.of("GET", "/api/templates/it-delivery", "admin")).text();
        itDeliveryYaml = ok(Http.Call.of("GET", "/api/templates/it-delivery", "admin").header("Accept", "application/yaml")).text();
        ObjectNode draft = (ObjectNode) JSON.readTree(itDeliveryJson);
        draft.put("key", "fuzz-draft");
        ok(Http.Call.of("PUT", "/api/templates/fuzz-draft", "admin").json(JSON.writeValueAsString(draft)));
        templates.add("fuzz-draft");
        Map<String, Object> victim = new LinkedHashMap<>();
        victim.put("username", VICTIM);
        victim.put("displayName", "Fuzz Victim");
        victim.put("email", "victim@example.com");
        victim.put("password", "Victim-password-1");
        victim.put("roles", List.of("member"));
        ok(Http.Call.of("POST", "/api/users", "admin").json(victim));
        newProject();
        newProject();
        assertThat(approvals).as("an approval to aim at").isNotEmpty();
        assertThat(risks).as("a risk to aim at").isNotEmpty();
    }

    private void enableModules() {
        Http.Answer list = ok(Http.Call.of("GET", "/api/modules", "admin"));
        for (JsonNode m : list.json()) {
            String key = m.get("module").asText();
            if (!modules.contains(key)) {
                modules.add(key);
            }
            if (!m.path("enabled").asBoolean()) {
                ok(Http.Call.of("PUT", "/api/modules/" + key, "admin").json(Map.of("enabled", true)));
            }
        }
    }

    /** A project with a task done, a gate awaiting approval and a risk: ids for the fuzzer to aim at. */
    private void newProject() {
        Map<String, Object> body = ProjectDriver.itDeliveryProject("Fuzz target " + UUID.randomUUID());
        body.put("version", 1);
        Http.Answer created = ok(Http.Call.of("POST", "/api/projects", "pm").json(body));
        String id = created.json().get("id").asText();
        projects.add(id);
        for (JsonNode stage : created.json().path("stages")) {
            stage.path("tasks").forEach(t -> tasks.add(t.get("id").asText()));
        }
        for (String user : List.of("pm", "alice")) {
            for (JsonNode item : ok(Http.Call.of("GET", "/api/tasks?project=" + id, user)).json()) {
                if (item.get("kind").asText().equals("task")) {
                    ok(Http.Call.of("POST", "/api/tasks/" + item.get("id").asText() + "/complete", user)
                            .json(Map.of("fields", ProjectDriver.values(item.get("fields")))));
                }
            }
        }
        for (JsonNode item : ok(Http.Call.of("GET", "/api/tasks?project=" + id, "carol")).json()) {
            (item.get("kind").asText().equals("approval") ? approvals : tasks).add(item.get("id").asText());
        }
        Map<String, Object> risk = Map.of("title", "Vendor API late", "probability", 4, "impact", 4, "owner", "alice");
        Http.Answer r = ok(Http.Call.of("POST", "/api/projects/" + id + "/risks", "pm").json(risk));
        risks.computeIfAbsent(id, k -> new ArrayList<>()).add(r.json().get("id").asText());
    }

    /** A setup request that must succeed. */
    private Http.Answer ok(Http.Call call) {
        Http.Answer answer = http.call(call);
        assertThat(answer.status()).as("%s %s: %s", call.method(), call.path(), answer.text()).isBetween(200, 299);
        return answer;
    }

    // ---------------------------------------------------------------- building a hostile request

    private Http.Call request(Operation op) throws IOException {
        String user = user();
        String method = hostile.chance(0.05) ? hostile.pick(OTHER_METHODS) : op.method();
        Http.Call call = Http.Call.of(method, path(op) + query(op), user);
        boolean hasBody = !op.bodies().isEmpty() || (!method.equals("GET") && hostile.chance(0.5)) || hostile.chance(0.05);
        if (hasBody && !method.equals("TRACE")) {
            call = body(op, call);
        }
        if (hostile.chance(0.2)) {
            call = call.header("Accept", hostile.pick(ACCEPTS));
        }
        if (hostile.chance(0.05)) {
            call = call.header("Accept-Language", hostile.pick(List.of("zh-CN", "zz-ZZ", "*", "en;q=abc", "x".repeat(300))));
        }
        if (!method.equals("GET") && hostile.chance(0.05)) {
            call = call.header("Origin", hostile.pick(List.of("http://evil.example", "null", "http://localhost:" + port)));
        }
        if (call.body() != null && hostile.chance(0.15)) {
            call = call.inChunks();
        }
        if (method.equals("POST") && hostile.chance(0.3)) {
            call = call.header("Idempotency-Key", switch (hostile.nextInt(5)) {
                case 0 -> "fuzz-key-reused";
                case 1 -> "k".repeat(101);
                case 2 -> "a key with spaces";
                case 3 -> "\u00e9t\u00e9";
                default -> UUID.randomUUID().toString();
            });
        }
        return call;
    }

    private String user() {
        int r = hostile.nextInt(100);
        return r < 30 ? "admin" : r < 55 ? "pm" : r < 70 ? "alice" : r < 80 ? "carol" : r < 85 ? "bob" : null;
    }

    private String path(Operation op) {
        String path = op.path();
        String projectChosen = null;
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int open = path.indexOf('{', at);
            if (open < 0) {
                out.append(path.substring(at));
                break;
            }
            int close = path.indexOf('}', open);
            out.append(path, at, open);
            String name = path.substring(open + 1, close);
            String before = path.substring(0, open);
            String segment = before.endsWith("/") ? before.substring(before.lastIndexOf('/', before.length() - 2) + 1, before.length() - 1) : "";
            String value;
            if (hostile.chance(0.25)) {
                value = hostile.pathSegment();
            } else {
                value = Hostile.encode(real(name, segment, projectChosen));
                if (name.equals("projectId") || (name.equals("id") && segment.equals("projects"))) {
                    projectChosen = value;
                }
            }
            out.append(value);
            at = close + 1;
        }
        return out.toString();
    }

    /** A real value for a path variable, by its name and the collection it is in. */
    private String real(String name, String segment, String project) {
        List<String> pool = switch (name) {
            case "key" -> templates;
            case "module" -> modules;
            case "name", "username", "user" -> victims;
            case "projectId" -> projects;
            case "riskId" -> project != null && risks.containsKey(project) && hostile.chance(0.8) ? risks.get(project)
                    : risks.values().stream().flatMap(List::stream).toList();
            default -> switch (segment) {
                case "projects" -> projects;
                case "tasks" -> hostile.chance(0.5) ? approvals : tasks;
                case "templates" -> templates;
                case "modules" -> modules;
                case "users", "members" -> victims;
                default -> everything();
            };
        };
        return pool.isEmpty() ? "none" : hostile.pick(pool);
    }

    private List<String> everything() {
        List<String> all = new ArrayList<>(projects);
        all.addAll(tasks);
        all.addAll(approvals);
        return all;
    }

    private String query(Operation op) {
        List<String> pairs = new ArrayList<>();
        for (Param p : op.params()) {
            if (p.in().equals("query") && hostile.chance(0.6)) {
                pairs.add(Hostile.encode(p.name()) + "=" + (hostile.chance(0.5) ? hostile.queryValue() : Hostile.encode(plausibleQuery(p.name()))));
            }
        }
        if (hostile.chance(0.15)) {
            String name = hostile.pick(List.of("page", "size", "q", "limit", "version", "draft", "project", "status", "%00", "a%5Bb%5D",
                    Hostile.encode(hostile.text(300)), "%FF"));
            pairs.add(name + "=" + hostile.queryValue());
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private String plausibleQuery(String name) {
        return switch (name) {
            case "status" -> hostile.pick(List.of("active", "completed", "cancelled"));
            case "template" -> "it-delivery";
            case "q" -> "Fuzz";
            case "page" -> "0";
            case "size", "limit" -> "20";
            case "version" -> "1";
            case "draft" -> hostile.chance(0.5) ? "true" : "false";
            case "project" -> projects.isEmpty() ? "x" : hostile.pick(projects);
            default -> "x";
        };
    }

    private Http.Call body(Operation op, Http.Call call) throws IOException {
        JsonNode schema = op.bodies().values().stream().findFirst().orElse(null);
        boolean text = schema != null && "string".equals(schema.path("type").asText());
        if (text) {
            return templateBody(call);
        }
        if (schema == null) {
            schema = NODES.objectNode().put("type", "object");
        }
        int r = hostile.nextInt(100);
        if (r < 30) {
            return call.json(write(mutateOne(plausible(schema, "", 0))));
        } else if (r < 45) {
            return call.json(write(mutateAll(plausible(schema, "", 0), true)));
        } else if (r < 58) {
            return call.json(write(mutateAll(plausible(schema, "", 0), false)));
        } else if (r < 68) {
            return call.json(write(plausible(schema, "", 0)));
        } else if (r < 81) {
            return call.body("application/json", hostile.garbageBody());
        } else if (r < 86) {
            return call.body("application/json", hostile.hugeBody());
        } else if (r < 95) {
            return call.body(hostile.pick(WRONG_TYPES), write(plausible(schema, "", 0)).getBytes(StandardCharsets.UTF_8));
        }
        return call;
    }

    /** Bodies for the template endpoints, which read JSON, YAML or text. */
    private Http.Call templateBody(Http.Call call) throws IOException {
        int r = hostile.nextInt(100);
        if (r < 25) {
            JsonNode doc = JSON.readTree(itDeliveryJson);
            return call.json(write(hostile.chance(0.7) ? mutateOne(doc) : mutateAll(doc, hostile.chance(0.5))));
        } else if (r < 40) {
            return call.body(hostile.pick(List.of("application/yaml", "text/yaml", "application/x-yaml", "text/x-yaml")),
                    hostile.yamlBomb().getBytes(StandardCharsets.UTF_8));
        } else if (r < 52) {
            String yaml = itDeliveryYaml.replaceFirst("(?m)^name: .*$", java.util.regex.Matcher.quoteReplacement(
                    "name: \"" + hostile.string().replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
            return call.body("application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
        } else if (r < 64) {
            return call.body(hostile.pick(List.of("application/json", "application/yaml")), hostile.garbageBody());
        } else if (r < 72) {
            return call.body("application/yaml", hostile.hugeBody());
        } else if (r < 82) {
            return call.body("text/plain", hostile.string().getBytes(StandardCharsets.UTF_8));
        } else if (r < 92) {
            return hostile.chance(0.5) ? call.body("application/json", itDeliveryJson.getBytes(StandardCharsets.UTF_8))
                    : call.body("application/yaml", itDeliveryYaml.getBytes(StandardCharsets.UTF_8));
        } else if (r < 97) {
            return call.body(hostile.pick(WRONG_TYPES), itDeliveryYaml.getBytes(StandardCharsets.UTF_8));
        }
        return call;
    }

    /** A body a careful client would send, from the schema and the property names. */
    private JsonNode plausible(JsonNode schema, String name, int depth) {
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        if (depth > 5) {
            return NODES.nullNode();
        }
        switch (type) {
            case "object" -> {
                ObjectNode out = NODES.objectNode();
                if (schema.has("properties")) {
                    schema.get("properties").fields().forEachRemaining(e -> {
                        if (hostile.chance(0.85)) {
                            out.set(e.getKey(), plausible(e.getValue(), e.getKey(), depth + 1));
                        }
                    });
                    return out;
                }
                return known(name);
            }
            case "array" -> {
                ArrayNode out = NODES.arrayNode();
                String item = switch (name) {
                    case "add", "remove" -> hostile.pick(List.of("bob", "alice", "carol", "pm"));
                    case "projects" -> projects.isEmpty() ? "x" : hostile.pick(projects);
                    case "roles" -> hostile.pick(List.of("member", "pm", "admin"));
                    case "groups" -> hostile.pick(List.of("fuzz-a", "fuzz-b", "fuzz-c"));
                    case "ids" -> hostile.pick(approvals);
                    default -> "x";
                };
                out.add(item);
                return out;
            }
            case "integer", "number" -> {
                return NODES.numberNode(switch (name) {
                    case "version", "fromVersion" -> 1;
                    case "toVersion" -> 1 + hostile.nextInt(2);
                    case "probability", "impact" -> 1 + hostile.nextInt(5);
                    case "limit" -> 10;
                    default -> hostile.nextInt(3);
                });
            }
            case "boolean" -> {
                return NODES.booleanNode(!name.equals("enabled") || hostile.chance(0.8));
            }
            case "string" -> {
                if ("date".equals(schema.path("format").asText())) {
                    return NODES.textNode("2026-12-01");
                }
                if ("date-time".equals(schema.path("format").asText())) {
                    return NODES.textNode("2026-12-01T10:00:00Z");
                }
                return NODES.textNode(switch (name) {
                    case "template" -> hostile.pick(templates);
                    case "name" -> "Fuzz project " + hostile.nextInt(1000);
                    case "decision" -> hostile.pick(List.of("approve", "reject", "send_back"));
                    case "sendBackTo" -> "requirements";
                    case "to", "owner", "user" -> hostile.pick(DEMO_USERS);
                    case "username" -> "fuzz-" + hostile.nextInt(1_000_000);
                    case "email" -> "someone@example.com";
                    case "password", "currentPassword" -> "Correct-horse-9";
                    case "status" -> hostile.pick(List.of("open", "closed", "mitigated", "active"));
                    default -> "Fuzz " + name;
                });
            }
            default -> {
                return known(name);
            }
        }
    }

    /** Maps whose keys only the template knows. */
    private ObjectNode known(String name) {
        ObjectNode out = NODES.objectNode();
        switch (name) {
            case "fields" -> {
                out.put("budget", 1000);
                out.put("customer", "ACME");
                out.put("prdUrl", "https://wiki.example.com/prd");
                if (hostile.chance(0.5)) {
                    out.put("targetDate", "2026-12-01");
                    out.put("openDefects", 0);
                    out.put("repository", "https://git.example.com/repo");
                }
            }
            case "roles" -> {
                out.set("pm", NODES.arrayNode().add("pm"));
                out.set("sponsor", NODES.arrayNode().add("carol"));
                out.set("dev", NODES.arrayNode().add("alice").add("bob"));
                out.set("qa", NODES.arrayNode().add("carol"));
            }
            case "fieldMapping" -> out.put("prdUrl", "prdUrl");
            case "stageMapping" -> out.put("requirements", "requirements");
            default -> {
                // an open map: nothing to guess
            }
        }
        return out;
    }

    /** Somewhere in the document (the whole document too), a hostile value. */
    private JsonNode mutateOne(JsonNode doc) {
        List<Object[]> slots = new ArrayList<>();
        slots(doc, slots);
        if (slots.isEmpty() || hostile.chance(0.1)) {
            return raw(hostile.value());
        }
        Object[] slot = hostile.pick(slots);
        set(slot, raw(hostile.value()));
        return doc;
    }

    /** Every value of the document replaced: by one of another type, or by a hostile one of the same type. */
    private JsonNode mutateAll(JsonNode doc, boolean wrongType) {
        List<Object[]> slots = new ArrayList<>();
        slots(doc, slots);
        if (slots.isEmpty()) {
            return raw(hostile.value());
        }
        for (Object[] slot : slots) {
            JsonNode current = get(slot);
            if (current == null || current.isContainerNode() && current.size() > 0 && !hostile.chance(0.2)) {
                continue;
            }
            String type = current.isTextual() ? "string" : current.isNumber() ? "number" : current.isBoolean() ? "boolean"
                    : current.isArray() ? "array" : current.isObject() ? "object" : "null";
            String value = wrongType ? hostile.wrongType(type) : switch (type) {
                case "string" -> Hostile.quote(hostile.string());
                case "number" -> hostile.number();
                case "array" -> hostile.chance(0.3) ? Hostile.array(100_000, "\"alice\"") : "[" + hostile.value() + "]";
                case "object" -> "{" + Hostile.quote(hostile.nasty()) + ":" + hostile.value() + "}";
                default -> hostile.value();
            };
            set(slot, raw(value));
        }
        return doc;
    }

    /** Every place that holds a value: {container, field name or index}. */
    private static void slots(JsonNode node, List<Object[]> out) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                out.add(new Object[] {o, n});
                slots(o.get(n), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Object[] {a, i});
                slots(a.get(i), out);
            }
        }
    }

    private static JsonNode get(Object[] slot) {
        return slot[0] instanceof ObjectNode o ? o.get((String) slot[1]) : ((ArrayNode) slot[0]).get((Integer) slot[1]);
    }

    private static void set(Object[] slot, JsonNode value) {
        if (slot[0] instanceof ObjectNode o) {
            o.set((String) slot[1], value);
        } else {
            ((ArrayNode) slot[0]).set((Integer) slot[1], value);
        }
    }

    private static JsonNode raw(String json) {
        return NODES.rawValueNode(new RawValue(json));
    }

    private static String write(JsonNode doc) throws IOException {
        return JSON.writeValueAsString(doc);
    }

    // ---------------------------------------------------------------- sending and judging

    private void send(Sent request) {
        Http.Call call = request.call();
        serverLog.drain();
        sent++;
        Http.Answer answer;
        try {
            answer = http.send(call);
        } catch (HttpTimeoutException e) {
            fail(request, "no answer within the client's timeout: " + e, null);
            return;
        } catch (IOException e) {
            if (call.bodyLength() > MAX_BODY) {
                // the server refused the body before reading it and closed the connection while it was still sent
                closed++;
                byClass.merge("closed", 1, Integer::sum);
                return;
            }
            // A connection closed under a request is the doing of the request before it on that connection
            // (see refusedChunkedBodyLeavesTheConnectionUsableOrClosesIt): send it once more on a new one.
            String before = previous;
            try {
                answer = http.send(call);
                dropped++;
                System.out.println("[httpfuzz] connection dropped under #" + request.index() + " (" + e + "), answered when sent again;"
                        + " the request before it: " + before.lines().findFirst().orElse("") + " "
                        + before.lines().reduce((a, b) -> b).orElse(""));
            } catch (IOException again) {
                fail(request, "no answer, twice: " + again + "\n  the request before it: " + before, null);
                previous = "(none)";
                return;
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(again);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        judge(request, answer);
    }

    private void judge(Sent request, Http.Answer answer) {
        int status = answer.status();
        previous = request.describe() + "\n    answered " + status + " " + answer.headers().map();
        if (trace.contains(request.index()) || trace.contains(-1)) {
            System.out.println("[httpfuzz] trace " + previous);
        }
        byClass.merge(status / 100 + "xx", 1, Integer::sum);
        byStatus.merge(status, 1, Integer::sum);
        if (status >= 500) {
            fiveXx++;
            fail(request, "5xx", answer);
        } else if (status >= 400) {
            JsonNode problem = answer.problem() ? answer.json() : null;
            if (problem == null || problem.path("status").asInt() != status || !problem.hasNonNull("type")) {
                nonProblem++;
                fail(request, "a 4xx that is not a problem+json of its status", answer);
            }
        }
    }

    private void fail(Sent request, String what, Http.Answer answer) {
        // what the server logged about it may come a moment after the answer
        List<String> logged = new ArrayList<>(serverLog.drain());
        if (logged.isEmpty()) {
            TollgateProcess.sleep(Duration.ofMillis(200));
            logged.addAll(serverLog.drain());
        }
        StringBuilder out = new StringBuilder(what).append('\n').append("  request ").append(request.describe()).append('\n');
        if (answer != null) {
            out.append("  answer ").append(answer.status()).append(" content-type: ").append(answer.contentType()).append('\n')
                    .append("    ").append(excerpt(answer.text(), 800)).append('\n');
        }
        Set<String> unique = new LinkedHashSet<>(logged);
        unique.forEach(l -> out.append("  server log: ").append(l.length() > 8000 ? l.substring(0, 8000) + "..." : l)
                .append('\n'));
        String cause = logged.stream().flatMap(l -> l.lines().skip(1).limit(1)).findFirst().orElse("").trim();
        String signature = what + " | " + (answer == null ? "-" : answer.status() + " " + (answer.contentType().isEmpty()
                ? "(no content type)" : answer.contentType())) + (cause.isEmpty() ? "" : " | " + excerpt(cause, 200));
        kinds.merge(signature, 1, Integer::sum);
        if (kinds.get(signature) <= 3) {
            failures.add(out.toString());
        } else {
            failures.add("(same as above: " + signature + ") " + request.describe().lines().findFirst().orElse(""));
        }
    }

    private static Set<Integer> traced() {
        Set<Integer> out = new java.util.HashSet<>();
        for (String s : System.getProperty("tollgate.httpfuzz.trace", "").split(",")) {
            if (s.trim().equals("all")) {
                out.add(-1);
            } else if (!s.isBlank()) {
                out.add(Integer.parseInt(s.trim()));
            }
        }
        return out;
    }

    private static String excerpt(String text, int max) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (int i = 0; i < text.length() && n < max; i++, n++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c < 0x20 && c != '\n' || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > max ? out + "... (" + text.length() + " chars)" : out.toString();
    }
}
