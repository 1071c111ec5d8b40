package io.tollgate.engine.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An approver takes back a decision (撤回) while the gate is still open: the vote no longer counts and
 * the approval is theirs again, in an all, a quorum and an in-order gate; once the gate closed, or in
 * order once the next approver decided, the decision stands.
 */
class ApprovalWithdrawalIntegrationTests extends IntegrationTestSupport {

    @Test
    void anApproverTakesTheirDecisionBackUntilTheGateCloses() {
        Api admin = api().as("admin");
        Api.Answer saved = admin.put("/api/templates/withdrawals", "application/yaml", """
                key: withdrawals
                name: Withdrawals
                stages:
                  - key: review
                    tasks: [ { key: write, assignee: "user:alice" } ]
                    gate:
                      approval: { approvers: ["user:carol", "user:bob"], mode: all }
                  - key: vote
                    tasks: [ { key: write, assignee: "user:alice" } ]
                    gate:
                      approval: { approvers: ["user:carol", "user:bob", "user:pm"], mode: "quorum:2" }
                  - key: inorder
                    tasks: [ { key: write, assignee: "user:alice" } ]
                    gate:
                      approval: { approvers: ["user:carol", "user:bob", "user:pm"], mode: sequential }
                """);
        assertThat(saved.status()).as(saved.text()).isLessThan(300);
        assertThat(admin.post("/api/templates/withdrawals/publish", Map.of()).status()).isEqualTo(201);
        String project = api().as("pm").post("/api/projects", Map.of("template", "withdrawals", "name", "Withdrawals"))
                .get("id").asText();
        complete("alice", project);

        String carols = open("carol", project);
        Api.Answer approved = api().as("carol").post("/api/tasks/" + carols + "/decision", Map.of("decision", "approve"));
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(api().as("bob").post("/api/tasks/" + carols + "/withdraw", Map.of()).status())
                .as("only who decided").isIn(403, 404, 409);

        Api.Answer withdrawn = api().as("carol").post("/api/tasks/" + carols + "/withdraw", Map.of());
        assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
        assertThat(decisions(withdrawn.json(), "review")).as("the vote no longer counts").isEmpty();
        String again = open("carol", project);
        assertThat(again).as("a fresh approval for her").isNotEqualTo(carols);
        assertThat(api().as("carol").post("/api/tasks/" + carols + "/decision", Map.of("decision", "approve")).status())
                .as("the old one is void").isEqualTo(409);

        // bob approving alone does not pass the gate: carol has to decide again
        assertThat(api().as("bob").post("/api/tasks/" + open("bob", project) + "/decision", Map.of("decision", "approve"))
                .status()).isEqualTo(200);
        assertThat(stage(view(project), "review").get("status").asText()).isEqualTo("approval");
        assertThat(api().as("carol").post("/api/tasks/" + again + "/decision", Map.of("decision", "approve")).status())
                .isEqualTo(200);
        JsonNode afterReview = view(project);
        assertThat(stage(afterReview, "review").get("status").asText()).isEqualTo("done");
        Api.Answer tooLate = api().as("carol").post("/api/tasks/" + again + "/withdraw", Map.of());
        assertThat(tooLate.status()).as(tooLate.text()).isEqualTo(409);
        assertThat(tooLate.text()).contains("gate-closed");

        // quorum:2 of three: a withdrawn vote no longer counts, and the rejection threshold stays right
        complete("alice", project);
        String quorum = open("carol", project);
        assertThat(api().as("carol").post("/api/tasks/" + quorum + "/decision", Map.of("decision", "approve")).status())
                .isEqualTo(200);
        Api.Answer uncounted = api().as("carol").post("/api/tasks/" + quorum + "/withdraw", Map.of());
        assertThat(uncounted.status()).as(uncounted.text()).isEqualTo(200);
        assertThat(api().as("carol").post("/api/tasks/" + open("carol", project) + "/decision",
                Map.of("decision", "reject", "comment", "Not this way")).status()).isEqualTo(200);
        assertThat(stage(view(project), "vote").get("status").asText()).as("one rejection of three: two may still approve")
                .isEqualTo("approval");
        assertThat(api().as("bob").post("/api/tasks/" + open("bob", project) + "/decision",
                Map.of("decision", "reject", "comment", "Agreed, not this way")).status()).isEqualTo(200);
        assertThat(stage(view(project), "vote").get("status").asText()).as("two rejections of three: the quorum is out of reach")
                .isEqualTo("active");
        complete("alice", project);
        assertThat(api().as("carol").post("/api/tasks/" + open("carol", project) + "/decision", Map.of("decision", "approve"))
                .status()).isEqualTo(200);
        assertThat(api().as("pm").post("/api/tasks/" + open("pm", project) + "/decision", Map.of("decision", "approve"))
                .status()).isEqualTo(200);
        assertThat(stage(view(project), "vote").get("status").asText()).isEqualTo("done");

        // in order: carol, then bob, then pm; a decision is taken back only until the next approver decides
        complete("alice", project);
        String first = open("carol", project);
        assertThat(api().as("carol").post("/api/tasks/" + first + "/decision", Map.of("decision", "approve")).status())
                .isEqualTo(200);
        open("bob", project);
        Api.Answer beforeBob = api().as("carol").post("/api/tasks/" + first + "/withdraw", Map.of());
        assertThat(beforeBob.status()).as(beforeBob.text()).isEqualTo(200);
        assertThat(api().as("bob").get("/api/tasks?project=" + project).json().size()).as("bob's turn is gone again").isZero();
        String second = open("carol", project);
        assertThat(api().as("carol").post("/api/tasks/" + second + "/decision", Map.of("decision", "approve")).status())
                .isEqualTo(200);
        String bobs = open("bob", project);
        assertThat(api().as("bob").post("/api/tasks/" + bobs + "/decision", Map.of("decision", "approve")).status())
                .isEqualTo(200);
        Api.Answer afterBob = api().as("carol").post("/api/tasks/" + second + "/withdraw", Map.of());
        assertThat(afterBob.status()).as(afterBob.text()).isEqualTo(409);
        assertThat(afterBob.json().get("unmet").get(0).get("key").asText()).isEqualTo("bob");
        open("pm", project);
        Api.Answer bobTakesBack = api().as("bob").post("/api/tasks/" + bobs + "/withdraw", Map.of());
        assertThat(bobTakesBack.status()).as(bobTakesBack.text()).isEqualTo(200);
        assertThat(api().as("pm").get("/api/tasks?project=" + project).json().size()).as("pm's turn is gone again").isZero();
        assertThat(api().as("bob").post("/api/tasks/" + open("bob", project) + "/decision", Map.of("decision", "approve"))
                .status()).isEqualTo(200);
        assertThat(api().as("pm").post("/api/tasks/" + open("pm", project) + "/decision", Map.of("decision", "approve"))
                .status()).isEqualTo(200);
        JsonNode finished = view(project);
        assertThat(stage(finished, "inorder").get("status").asText()).isEqualTo("done");
        assertThat(finished.get("status").asText()).isEqualTo("completed");
        assertThat(decisions(finished, "inorder")).extracting(d -> d.get("user").asText() + ":" + d.get("decision").asText())
                .containsExactly("carol:approve", "bob:approve", "pm:approve");

        String audit = api().as("pm").get("/api/projects/" + project + "/audit").text();
        assertThat(audit).contains("decision.withdrawn", "gate.approve");
    }

    private void complete(String user, String project) {
        Api.Answer done = api().as(user).post("/api/tasks/" + open(user, project) + "/complete", Map.of());
        assertThat(done.status()).as(done.text()).isEqualTo(200);
    }

    private String open(String user, String project) {
        JsonNode items = api().as(user).get("/api/tasks?project=" + project).json();
        assertThat(items.size()).as(user + "'s open items").isEqualTo(1);
        return items.get(0).get("id").asText();
    }

    private JsonNode view(String project) {
        return api().as("pm").get("/api/projects/" + project).json();
    }

    private static JsonNode stage(JsonNode view, String key) {
        for (JsonNode s : view.get("stages")) {
            if (s.get("key").asText().equals(key)) {
                return s;
            }
        }
        throw new AssertionError("no stage " + key);
    }

    private static List<JsonNode> decisions(JsonNode view, String stageKey) {
        List<JsonNode> out = new java.util.ArrayList<>();
        stage(view, stageKey).path("gate").path("approval").path("decisions").forEach(out::add);
        return out;
    }
}
