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
 * the approval is theirs again; once the gate closed, or where the mode has already used the vote,
 * the decision stands.
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

        complete("alice", project);
        String quorum = open("carol", project);
        assertThat(api().as("carol").post("/api/tasks/" + quorum + "/decision", Map.of("decision", "approve")).status())
                .isEqualTo(200);
        Api.Answer counted = api().as("carol").post("/api/tasks/" + quorum + "/withdraw", Map.of());
        assertThat(counted.status()).as(counted.text()).isEqualTo(409);
        assertThat(counted.text()).contains("withdraw-quorum");

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
