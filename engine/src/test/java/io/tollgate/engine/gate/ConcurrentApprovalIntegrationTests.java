package io.tollgate.engine.gate;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Approvers deciding at the same moment: every vote counts once, nobody sees a 500. */
class ConcurrentApprovalIntegrationTests extends IntegrationTestSupport {

    @Test
    void approversDecidingAtOnceNeverLoseAVote() throws Exception {
        Api admin = api().as("admin");
        admin.put("/api/templates/board-vote", "application/yaml", """
                key: board-vote
                name: Board vote
                stages:
                  - key: vote
                    gate: { approval: { approvers: ["user:alice", "user:bob", "user:carol", "user:pm"], mode: all } }
                  - key: after
                    tasks: [ { key: t, assignee: "user:admin" } ]
                """);
        assertThat(admin.post("/api/templates/board-vote/publish", Map.of()).status()).isEqualTo(201);
        List<String> projectIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            projectIds.add(api().as("pm").post("/api/projects", Map.of("template", "board-vote", "name", "Vote " + i))
                    .get("id").asText());
        }
        List<String> voters = List.of("alice", "bob", "carol", "pm");
        ExecutorService pool = Executors.newFixedThreadPool(voters.size());
        try {
            for (String id : projectIds) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> votes = new ArrayList<>();
                for (String voter : voters) {
                    String approval = api().as(voter).get("/api/tasks?project=" + id).json().get(0).get("id").asText();
                    votes.add(pool.submit(() -> {
                        start.await();
                        return api().as(voter).post("/api/tasks/" + approval + "/decision", Map.of("decision", "approve")).status();
                    }));
                }
                start.countDown();
                for (Future<Integer> vote : votes) {
                    assertThat(vote.get()).isEqualTo(200);
                }
                JsonNode project = api().as("pm").get("/api/projects/" + id).json();
                assertThat(project.get("stages").get(0).get("status").asText()).isEqualTo("done");
                assertThat(project.get("stages").get(0).get("gate").get("approval").get("decisions")).hasSize(4);
                assertThat(project.get("stages").get(1).get("status").asText()).isEqualTo("active");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
