package io.tollgate.engine.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.AppUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each person counts once at a gate, only those who may change who decides do so, and many
 * approvers acting at the same moment get a clean answer each: one decides, the others hear that
 * the approval is closed, nobody sees a 5xx.
 */
class GateIntegrityIntegrationTests extends IntegrationTestSupport {

    private static final String DEMO_WORKSPACE = "00000000-0000-0000-0000-000000000001";

    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;

    private String publish(String key, String gate) {
        Api admin = api().as("admin");
        admin.put("/api/templates/" + key, "application/yaml", """
                key: %s
                name: Integrity
                fields:
                  - { key: budget, type: money, min: 0 }
                stages:
                  - key: vote
                    gate: %s
                  - key: after
                    tasks: [ { key: t, assignee: "user:admin" } ]
                """.formatted(key, gate));
        Api.Answer published = admin.post("/api/templates/" + key + "/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(201);
        return key;
    }

    private String start(String template) {
        return api().as("pm").post("/api/projects", Map.of("template", template, "name", "Gate " + template,
                "fields", Map.of("budget", 1000))).get("id").asText();
    }

    private String approvalOf(String user, String project) {
        JsonNode inbox = api().as(user).get("/api/tasks?project=" + project).json();
        assertThat(inbox).as(user + "'s inbox").hasSize(1);
        return inbox.get(0).get("id").asText();
    }

    @Test
    void anApproverCannotHandTheirVoteToAnotherApproverOfTheSameGate() {
        String id = start(publish("no-double-vote", "{ approval: { approvers: [\"user:alice\", \"user:bob\"], mode: all } }"));
        Api.Answer handed = api().as("alice").post("/api/tasks/" + approvalOf("alice", id) + "/delegate", Map.of("to", "bob"));
        assertThat(handed.status()).isEqualTo(400);
        assertThat(handed.get("errors").get(0).get("message").asText()).contains("already approves");
        assertThat(api().as("bob").post("/api/tasks/" + approvalOf("bob", id) + "/decision", Map.of("decision", "approve"))
                .status()).isEqualTo(200);
        JsonNode project = api().as("pm").get("/api/projects/" + id).json();
        assertThat(project.get("stages").get(0).get("status").asText()).as("alice still has to decide").isEqualTo("approval");
    }

    @Test
    void onlyAProjectManagerOrAdminRemovesASigner() {
        String id = start(publish("remove-signer", "{ approval: { approvers: [\"user:alice\", \"user:bob\"], mode: all } }"));
        String alices = approvalOf("alice", id);
        Api.Answer byMember = api().as("alice").post("/api/tasks/" + alices + "/signers", Map.of("remove", List.of("bob")));
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(api().as("pm").post("/api/tasks/" + alices + "/signers", Map.of("remove", List.of("bob"))).status())
                .isEqualTo(200);
        assertThat(api().as("pm").get("/api/projects/" + id + "/audit").text()).contains("gate.signer-removed");
    }

    @Test
    void aMemberCannotEditFieldsAndAPassedGateLocksWhatItChecked() {
        String id = start(publish("locked-budget", """
                { criteria: [ { expression: "budget <= 5000", message: "Small budgets only" } ],
                  approval: { approvers: ["user:carol"] } }"""));
        Api.Answer byApprover = api().as("carol").patch("/api/projects/" + id + "/fields", Map.of("fields", Map.of("budget", 2000)));
        assertThat(byApprover.status()).as("an approver sees the project but does not edit it").isEqualTo(403);
        assertThat(api().as("carol").post("/api/tasks/" + approvalOf("carol", id) + "/decision", Map.of("decision", "approve"))
                .status()).isEqualTo(200);
        Api.Answer raised = api().as("pm").patch("/api/projects/" + id + "/fields", Map.of("fields", Map.of("budget", 900000)));
        assertThat(raised.status()).isEqualTo(409);
        assertThat(raised.get("errors").get(0).get("path").asText()).isEqualTo("fields.budget");
        assertThat(api().as("pm").get("/api/projects/" + id).get("fields").get("budget").asInt()).isEqualTo(1000);
    }

    @Test
    void twentyApproversAtOnceGetOneDecisionAndNineteenConflictsOnAnAnyGate() throws Exception {
        List<String> panel = panel(20);
        String id = start(publish("any-of-twenty", "{ approval: { approvers: [\"group:" + group + "\"], mode: any } }"));
        List<Integer> statuses = voteAtOnce(id, panel);
        assertThat(statuses).allMatch(s -> s < 500);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        JsonNode gate = api().as("pm").get("/api/projects/" + id).get("stages").get(0);
        assertThat(gate.get("status").asText()).isEqualTo("done");
        assertThat(gate.get("gate").get("approval").get("decisions")).hasSize(1);
    }

    @Test
    void aQuorumOfTenAmongTwentyCountsExactlyTenApprovals() throws Exception {
        List<String> panel = panel(20);
        String id = start(publish("ten-of-twenty", "{ approval: { approvers: [\"group:" + group + "\"], mode: \"quorum:10\" } }"));
        List<Integer> statuses = voteAtOnce(id, panel);
        assertThat(statuses).allMatch(s -> s == 200 || s == 409);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(10);
        JsonNode gate = api().as("pm").get("/api/projects/" + id).get("stages").get(0);
        assertThat(gate.get("status").asText()).isEqualTo("done");
        assertThat(gate.get("gate").get("approval").get("decisions")).hasSize(10);
    }

    @Test
    void cancellingWhileApproversDecideNeverAnswersA5xx() throws Exception {
        List<String> panel = panel(8);
        String id = start(publish("cancel-race", "{ approval: { approvers: [\"group:" + group + "\"], mode: all } }"));
        List<String> approvals = panel.stream().map(u -> approvalOf(u, id)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(panel.size() + 1);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < panel.size(); i++) {
                String user = panel.get(i);
                String approval = approvals.get(i);
                answers.add(pool.submit(() -> {
                    go.await();
                    return api().as(user).post("/api/tasks/" + approval + "/decision", Map.of("decision", "approve")).status();
                }));
            }
            answers.add(pool.submit(() -> {
                go.await();
                return api().as("pm").post("/api/projects/" + id + "/cancel", Map.of("reason", "Stopped")).status();
            }));
            go.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(2, TimeUnit.MINUTES)).isIn(200, 409);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(api().as("pm").get("/api/projects/" + id).get("status").asText()).isIn("cancelled", "active");
    }

    private String group;

    /** Members of a fresh group in the demo workspace, each password equal to the name. */
    private List<String> panel(int size) {
        group = "panel" + UUID.randomUUID().toString().substring(0, 8);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String name = group + "-" + i;
            actors.register(new AppUser(name, encoder.encode(name),
                    name, null, DEMO_WORKSPACE, false), Set.of("member"), Set.of(group));
            names.add(name);
        }
        return names;
    }

    private List<Integer> voteAtOnce(String projectId, List<String> voters) throws Exception {
        List<String> approvals = voters.stream().map(u -> approvalOf(u, projectId)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(voters.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < voters.size(); i++) {
                String user = voters.get(i);
                String approval = approvals.get(i);
                answers.add(pool.submit(() -> {
                    go.await();
                    return api().as(user).post("/api/tasks/" + approval + "/decision", Map.of("decision", "approve")).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(2, TimeUnit.MINUTES));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
