package io.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.modeler.compiler.BpmnVerifier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Each feature of the template language, run on the engine through the HTTP API. */
class TemplateLanguageIntegrationTests extends IntegrationTestSupport {

    /** Publishes a template under a fresh key; {@code KEY} in the YAML is replaced by it. */
    private String publish(String yaml) {
        String key = "t-" + UUID.randomUUID().toString().substring(0, 8);
        Api admin = api().as("admin");
        Api.Answer saved = admin.put("/api/templates/" + key, "application/yaml", yaml.replace("KEY", key));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(saved.get("valid").asBoolean()).as(saved.text()).isTrue();
        Api.Answer published = admin.post("/api/templates/" + key + "/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(201);
        String bpmn = admin.get("/api/templates/" + key + "/bpmn").text();
        assertThat(BpmnVerifier.schemaError(bpmn)).as("the OMG BPMN 2.0 schema").isNull();
        return key;
    }

    private String start(String template, Map<String, Object> fields, Map<String, List<String>> roles) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("template", template);
        body.put("name", "Project of " + template);
        body.put("fields", fields);
        body.put("roles", roles);
        Api.Answer created = api().as("pm").post("/api/projects", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("id").asText();
    }

    private JsonNode project(String id) {
        return api().as("pm").get("/api/projects/" + id).json();
    }

    private Map<String, String> statuses(String id) {
        Map<String, String> out = new LinkedHashMap<>();
        project(id).get("stages").forEach(s -> out.put(s.get("key").asText(), s.get("status").asText()));
        return out;
    }

    private List<JsonNode> inbox(String user, String projectId) {
        List<JsonNode> out = new ArrayList<>();
        api().as(user).get("/api/tasks?project=" + projectId).json().forEach(out::add);
        return out;
    }

    private void completeTask(String user, String projectId, String stage, String task) {
        JsonNode item = inbox(user, projectId).stream()
                .filter(i -> i.get("stageKey").asText().equals(stage) && i.get("key").asText().equals(task))
                .findFirst().orElseThrow(() -> new AssertionError(user + " has no task " + stage + "/" + task));
        Api.Answer done = api().as(user).post("/api/tasks/" + item.get("id").asText() + "/complete",
                Map.of("fields", ProjectDriver.values(item.get("fields"))));
        assertThat(done.status()).as(done.text()).isEqualTo(200);
    }

    private JsonNode decide(String user, String projectId, String stage, String decision, String comment, String to) {
        JsonNode item = approvalOf(user, projectId, stage);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (comment != null) {
            body.put("comment", comment);
        }
        if (to != null) {
            body.put("sendBackTo", to);
        }
        Api.Answer done = api().as(user).post("/api/tasks/" + item.get("id").asText() + "/decision", body);
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        return done.json();
    }

    private JsonNode approvalOf(String user, String projectId, String stage) {
        return inbox(user, projectId).stream()
                .filter(i -> i.get("kind").asText().equals("approval") && i.get("stageKey").asText().equals(stage))
                .findFirst().orElseThrow(() -> new AssertionError(user + " has no approval for " + stage));
    }

    private boolean hasApproval(String user, String projectId, String stage) {
        return inbox(user, projectId).stream()
                .anyMatch(i -> i.get("kind").asText().equals("approval") && i.get("stageKey").asText().equals(stage));
    }

    @Test
    void aJoinStageStartsOnlyWhenEveryBranchIsDone() {
        String key = publish("""
                key: KEY
                name: Fork and join
                stages:
                  - { key: plan, tasks: [ { key: t, assignee: "user:pm" } ] }
                  - { key: build, after: [plan], tasks: [ { key: t, assignee: "user:alice" } ] }
                  - { key: docs, after: [plan], tasks: [ { key: t, assignee: "user:bob" } ] }
                  - { key: ship, after: [build, docs], tasks: [ { key: t, assignee: "user:pm" } ] }
                """);
        String id = start(key, Map.of(), Map.of());
        completeTask("pm", id, "plan", "t");
        assertThat(statuses(id)).containsExactly(Map.entry("plan", "done"), Map.entry("build", "active"),
                Map.entry("docs", "active"), Map.entry("ship", "waiting"));

        completeTask("alice", id, "build", "t");
        assertThat(statuses(id)).containsEntry("build", "done").containsEntry("ship", "waiting");
        String shipTask = project(id).get("stages").get(3).get("tasks").get(0).get("id").asText();
        Api.Answer early = api().as("pm").post("/api/tasks/" + shipTask + "/complete", Map.of());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.get("unmet").findValuesAsText("key")).containsExactly("docs");

        completeTask("bob", id, "docs", "t");
        assertThat(statuses(id)).containsEntry("ship", "active");
        completeTask("pm", id, "ship", "t");
        assertThat(project(id).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void anyModeIsDecidedByTheFirstApprover() {
        String key = publish("""
                key: KEY
                name: Any
                stages:
                  - key: s
                    gate: { approval: { approvers: ["user:alice", "user:bob"], mode: any } }
                """);
        String id = start(key, Map.of(), Map.of());
        assertThat(hasApproval("alice", id, "s")).isTrue();
        assertThat(hasApproval("bob", id, "s")).isTrue();

        decide("bob", id, "s", "approve", null, null);

        assertThat(project(id).get("status").asText()).isEqualTo("completed");
        assertThat(hasApproval("alice", id, "s")).isFalse();
    }

    @Test
    void allModeWaitsForEveryApprover() {
        String key = publish("""
                key: KEY
                name: All
                stages:
                  - key: s
                    gate: { approval: { approvers: ["user:alice", "user:bob"], mode: all } }
                """);
        String id = start(key, Map.of(), Map.of());

        decide("alice", id, "s", "approve", null, null);
        assertThat(statuses(id)).containsEntry("s", "approval");
        decide("bob", id, "s", "approve", null, null);

        assertThat(project(id).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void quorumPassesWithEnoughApprovalsAndFailsWhenItCanNoLongerBeReached() {
        String yaml = """
                key: KEY
                name: Quorum
                roles: { board: { name: Board } }
                stages:
                  - key: s
                    tasks: [ { key: prepare, assignee: "user:pm" } ]
                    gate: { approval: { approvers: [board], mode: "quorum:2" } }
                """;
        String key = publish(yaml);
        Map<String, List<String>> board = Map.of("board", List.of("alice", "bob", "carol"));

        String passes = start(key, Map.of(), board);
        completeTask("pm", passes, "s", "prepare");
        decide("alice", passes, "s", "approve", null, null);
        assertThat(statuses(passes)).containsEntry("s", "approval");
        decide("carol", passes, "s", "approve", null, null);
        assertThat(project(passes).get("status").asText()).isEqualTo("completed");
        assertThat(hasApproval("bob", passes, "s")).isFalse();

        String fails = start(key, Map.of(), board);
        completeTask("pm", fails, "s", "prepare");
        decide("alice", fails, "s", "reject", "Too expensive", null);
        assertThat(statuses(fails)).containsEntry("s", "approval");
        decide("bob", fails, "s", "reject", "Agree, too expensive", null);
        JsonNode rejected = project(fails);
        assertThat(rejected.get("stages").get(0).get("status").asText()).isEqualTo("active");
        assertThat(rejected.get("stages").get(0).get("reworkCount").asInt()).isEqualTo(1);
        assertThat(hasApproval("carol", fails, "s")).isFalse();
        assertThat(inbox("pm", fails)).extracting(i -> i.get("key").asText()).containsExactly("prepare");
    }

    @Test
    void sequentialApproversDecideInTheirOrder() {
        String key = publish("""
                key: KEY
                name: Sequential
                stages:
                  - key: s
                    gate: { approval: { approvers: ["user:carol", "user:alice", "user:bob"], mode: sequential } }
                """);
        String id = start(key, Map.of(), Map.of());
        assertThat(hasApproval("carol", id, "s")).isTrue();
        assertThat(hasApproval("alice", id, "s")).isFalse();
        assertThat(hasApproval("bob", id, "s")).isFalse();

        decide("carol", id, "s", "approve", null, null);
        assertThat(hasApproval("alice", id, "s")).isTrue();
        assertThat(hasApproval("bob", id, "s")).isFalse();
        decide("alice", id, "s", "approve", null, null);
        decide("bob", id, "s", "approve", null, null);

        JsonNode done = project(id);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("stages").get(0).get("gate").get("approval").get("decisions").findValuesAsText("user"))
                .containsExactly("carol", "alice", "bob");
    }

    private static final String SEND_BACK = """
            key: KEY
            name: Send back
            stages:
              - { key: design, tasks: [ { key: draw, assignee: "user:alice" } ] }
              - { key: build, tasks: [ { key: code, assignee: "user:bob" } ] }
              - key: review
                tasks: [ { key: check, assignee: "user:pm" } ]
                gate: { approval: { approvers: ["user:pm", "user:carol"], mode: all }, resubmit: MODE }
            """;

    @Test
    void directResubmitReturnsToTheSenderWithoutReplayingTheStagesBetween() {
        String key = publish(SEND_BACK.replace("MODE", "direct"));
        String id = start(key, Map.of(), Map.of());
        completeTask("alice", id, "design", "draw");
        completeTask("bob", id, "build", "code");
        completeTask("pm", id, "review", "check");
        decide("pm", id, "review", "approve", null, null);

        decide("carol", id, "review", "send_back", "The design misses the mobile layout", "design");

        assertThat(statuses(id)).containsExactly(Map.entry("design", "active"), Map.entry("build", "done"),
                Map.entry("review", "sent_back"));
        assertThat(project(id).get("stages").get(0).get("reworkCount").asInt()).isEqualTo(1);
        completeTask("alice", id, "design", "draw");

        assertThat(statuses(id)).containsExactly(Map.entry("design", "done"), Map.entry("build", "done"),
                Map.entry("review", "approval"));
        assertThat(inbox("bob", id)).isEmpty();
        assertThat(hasApproval("carol", id, "review")).isTrue();
        assertThat(hasApproval("pm", id, "review")).as("pm approved before the send-back").isFalse();
        decide("carol", id, "review", "approve", null, null);

        JsonNode done = project(id);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("stages").get(1).get("tasks").get(0).get("completedBy").asText()).isEqualTo("bob");
    }

    @Test
    void replayResubmitRunsTheStagesBetweenAgain() {
        String key = publish(SEND_BACK.replace("MODE", "replay"));
        String id = start(key, Map.of(), Map.of());
        completeTask("alice", id, "design", "draw");
        completeTask("bob", id, "build", "code");
        completeTask("pm", id, "review", "check");

        decide("carol", id, "review", "send_back", "Start over from the design", "design");
        assertThat(statuses(id)).containsExactly(Map.entry("design", "active"), Map.entry("build", "waiting"),
                Map.entry("review", "sent_back"));
        completeTask("alice", id, "design", "draw");

        assertThat(statuses(id)).containsEntry("build", "active").containsEntry("review", "sent_back");
        completeTask("bob", id, "build", "code");
        completeTask("pm", id, "review", "check");
        decide("pm", id, "review", "approve", null, null);
        decide("carol", id, "review", "approve", null, null);
        assertThat(project(id).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void rejectionGoesToTheGatesOnRejectStage() {
        String key = publish("""
                key: KEY
                name: On reject
                stages:
                  - { key: draft, tasks: [ { key: write, assignee: "user:alice" } ] }
                  - key: check
                    tasks: [ { key: read, assignee: "user:bob" } ]
                    gate: { approval: { approvers: ["user:carol"] }, onReject: draft }
                """);
        String id = start(key, Map.of(), Map.of());
        completeTask("alice", id, "draft", "write");
        completeTask("bob", id, "check", "read");

        decide("carol", id, "check", "reject", "Rewrite the introduction", null);

        assertThat(statuses(id)).containsExactly(Map.entry("draft", "active"), Map.entry("check", "sent_back"));
        completeTask("alice", id, "draft", "write");
        assertThat(statuses(id)).containsEntry("check", "active");
        completeTask("bob", id, "check", "read");
        decide("carol", id, "check", "approve", null, null);
        assertThat(project(id).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void refusesSendingBackToAStageThatIsNotEarlier() {
        String key = publish(SEND_BACK.replace("MODE", "replay"));
        String id = start(key, Map.of(), Map.of());
        completeTask("alice", id, "design", "draw");
        completeTask("bob", id, "build", "code");
        completeTask("pm", id, "review", "check");
        JsonNode approval = approvalOf("carol", id, "review");

        Api.Answer answer = api().as("carol").post("/api/tasks/" + approval.get("id").asText() + "/decision",
                Map.of("decision", "send_back", "comment", "x", "sendBackTo", "nowhere"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.get("errors").get(0).get("path").asText()).isEqualTo("sendBackTo");
    }

    @Test
    void aFalseWhenSkipsTheStageAndTheJoinStillStarts() {
        String yaml = """
                key: KEY
                name: Conditional
                fields:
                  - { key: budget, type: money, required: true, min: 0 }
                stages:
                  - { key: plan, tasks: [ { key: t, assignee: "user:pm" } ] }
                  - { key: build, after: [plan], tasks: [ { key: t, assignee: "user:alice" } ] }
                  - { key: security, after: [plan], when: "budget > 100000", tasks: [ { key: t, assignee: "user:carol" } ] }
                  - { key: ship, after: [build, security], tasks: [ { key: t, assignee: "user:pm" } ] }
                """;
        String key = publish(yaml);

        String small = start(key, Map.of("budget", 5000), Map.of());
        completeTask("pm", small, "plan", "t");
        assertThat(statuses(small)).containsEntry("security", "skipped").containsEntry("build", "active")
                .containsEntry("ship", "waiting");
        completeTask("alice", small, "build", "t");
        assertThat(statuses(small)).containsEntry("ship", "active");

        String large = start(key, Map.of("budget", 250000), Map.of());
        completeTask("pm", large, "plan", "t");
        assertThat(statuses(large)).containsEntry("security", "active");
        completeTask("alice", large, "build", "t");
        assertThat(statuses(large)).containsEntry("ship", "waiting");
        completeTask("carol", large, "security", "t");
        assertThat(statuses(large)).containsEntry("ship", "active");
    }

    @Test
    void anExpressionCriterionHoldsTheGateWithItsMessage() {
        String key = publish("""
                key: KEY
                name: Expression gate
                fields:
                  - { key: budget, type: money, min: 0 }
                  - { key: signed, type: boolean }
                stages:
                  - key: s
                    gate:
                      criteria:
                        - { expression: "signed == true && budget <= 500000", message: "Needs a signed contract within budget" }
                      approval: { approvers: ["user:carol"] }
                """);
        String id = start(key, Map.of("budget", 600000), Map.of());
        JsonNode approval = approvalOf("carol", id, "s");

        Api.Answer early = api().as("carol").post("/api/tasks/" + approval.get("id").asText() + "/decision",
                Map.of("decision", "approve"));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.get("unmet").get(0).get("kind").asText()).isEqualTo("expression");
        assertThat(early.get("unmet").get(0).get("message").asText()).contains("signed contract");

        assertThat(api().as("pm").patch("/api/projects/" + id + "/fields",
                Map.of("fields", Map.of("budget", 400000, "signed", true))).status()).isEqualTo(200);
        decide("carol", id, "s", "approve", null, null);
        assertThat(project(id).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void refusesExpressionsWithUnknownFieldsOrEscapesAtValidation() {
        Api admin = api().as("admin");
        String yaml = """
                key: bad-expressions
                name: Bad expressions
                fields: [ { key: budget, type: money } ]
                stages:
                  - key: s
                    when: "budgte > 5"
                    gate:
                      criteria:
                        - { expression: "Runtime.getRuntime().exec('id') != null", message: "no" }
                """;
        admin.put("/api/templates/bad-expressions", "application/yaml", yaml);
        Api.Answer published = admin.post("/api/templates/bad-expressions/publish", Map.of());

        assertThat(published.status()).isEqualTo(400);
        assertThat(published.get("errors").findValuesAsText("path"))
                .contains("$.stages[0].when", "$.stages[0].gate.criteria[0].expression");
        assertThat(published.get("errors").findValuesAsText("message").toString()).contains("budgte");
        assertThat(api().get("/actuator/health").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void aGroupTaskIsOfferedToEveryMemberAndDoneByOne() {
        String key = publish("""
                key: KEY
                name: Group task
                stages:
                  - key: s
                    tasks:
                      - key: fix
                        assignee: "group:dev"
                        fields: [ { key: ticket, type: url, required: true } ]
                """);
        String id = start(key, Map.of(), Map.of());
        assertThat(inbox("alice", id)).hasSize(1);
        assertThat(inbox("bob", id)).hasSize(1);
        assertThat(inbox("carol", id)).isEmpty();
        String task = inbox("bob", id).get(0).get("id").asText();
        assertThat(inbox("bob", id).get(0).get("fields").get(0).get("required").asBoolean()).isTrue();

        Api.Answer missing = api().as("bob").post("/api/tasks/" + task + "/complete", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.get("errors").get(0).get("path").asText()).isEqualTo("fields.ticket");
        Api.Answer byCarol = api().as("carol").post("/api/tasks/" + task + "/complete",
                Map.of("fields", Map.of("ticket", "https://issues.example.com/1")));
        // carol is not in the group the task is for, nor otherwise in the project: it does not exist for her
        assertThat(byCarol.status()).isEqualTo(404);

        completeTask("bob", id, "s", "fix");
        assertThat(inbox("alice", id)).isEmpty();
        assertThat(project(id).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void anApproverHandsTheApprovalToSomeoneElse() {
        String key = publish("""
                key: KEY
                name: Delegation
                stages:
                  - key: s
                    gate: { approval: { approvers: ["user:carol"] } }
                """);
        String id = start(key, Map.of(), Map.of());
        String approval = approvalOf("carol", id, "s").get("id").asText();

        // bob takes no part in the project: it, and its approvals, do not exist for him
        assertThat(api().as("bob").post("/api/tasks/" + approval + "/delegate", Map.of("to", "bob")).status()).isEqualTo(404);
        Api.Answer unknown = api().as("carol").post("/api/tasks/" + approval + "/delegate", Map.of("to", "nobody"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.get("errors").get(0).get("path").asText()).isEqualTo("to");
        assertThat(api().as("carol").post("/api/tasks/" + approval + "/delegate", Map.of("to", "bob")).status()).isEqualTo(200);

        assertThat(hasApproval("carol", id, "s")).isFalse();
        decide("bob", id, "s", "approve", null, null);
        JsonNode done = project(id);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("stages").get(0).get("gate").get("approval").get("decisions").get(0).get("user").asText())
                .isEqualTo("bob");
        Api.Answer audit = api().as("admin").get("/api/audit?limit=500");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.text()).contains("task.delegated", "carol -> bob");
        assertThat(api().as("pm").get("/api/audit").status()).isEqualTo(403);
    }

    @Test
    void anApproverAddsASignerWhoMustAlsoApproveAndCanBeRemovedBeforeDeciding() {
        String key = publish("""
                key: KEY
                name: Signers
                stages:
                  - key: s
                    gate: { approval: { approvers: ["user:alice", "user:bob"], mode: all } }
                """);
        String added = start(key, Map.of(), Map.of());
        String alices = approvalOf("alice", added, "s").get("id").asText();
        Api.Answer add = api().as("alice").post("/api/tasks/" + alices + "/signers", Map.of("add", List.of("carol")));
        assertThat(add.status()).as(add.text()).isEqualTo(200);
        assertThat(hasApproval("carol", added, "s")).isTrue();
        Api.Answer twice = api().as("alice").post("/api/tasks/" + alices + "/signers", Map.of("add", List.of("carol")));
        assertThat(twice.status()).isEqualTo(400);

        decide("alice", added, "s", "approve", null, null);
        decide("bob", added, "s", "approve", null, null);
        assertThat(statuses(added)).as("the added signer has not decided").containsEntry("s", "approval");
        decide("carol", added, "s", "approve", null, null);
        assertThat(project(added).get("status").asText()).isEqualTo("completed");

        String removed = start(key, Map.of(), Map.of());
        String alice2 = approvalOf("alice", removed, "s").get("id").asText();
        assertThat(api().as("alice").post("/api/tasks/" + alice2 + "/signers", Map.of("add", List.of("carol"))).status())
                .isEqualTo(200);
        String bobs = approvalOf("bob", removed, "s").get("id").asText();
        assertThat(api().as("bob").post("/api/tasks/" + bobs + "/signers", Map.of("remove", List.of("carol"))).status())
                .as("removing a signer is for the project manager").isEqualTo(403);
        Api.Answer remove = api().as("pm").post("/api/tasks/" + bobs + "/signers", Map.of("remove", List.of("carol")));
        assertThat(remove.status()).as(remove.text()).isEqualTo(200);
        assertThat(hasApproval("carol", removed, "s")).isFalse();
        decide("alice", removed, "s", "approve", null, null);
        decide("bob", removed, "s", "approve", null, null);
        assertThat(project(removed).get("status").asText()).isEqualTo("completed");
        assertThat(api().as("admin").get("/api/audit?limit=1000").text()).contains("gate.signer-added", "gate.signer-removed");
    }
}
