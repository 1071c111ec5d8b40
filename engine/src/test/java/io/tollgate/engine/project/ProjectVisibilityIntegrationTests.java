package io.tollgate.engine.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Members see the projects they take part in; project managers and admins see the workspace. */
class ProjectVisibilityIntegrationTests extends IntegrationTestSupport {

    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;

    @Test
    void aMemberSeesOnlyProjectsTheyTakePartInUntilWorkIsHandedToThem() {
        String outsider = "outsider" + UUID.randomUUID().toString().substring(0, 8);
        actors.register(new AppUser(outsider, encoder.encode(outsider),
                outsider, null, "00000000-0000-0000-0000-000000000001", false), Set.of("member"), Set.of());
        String id = api().as("pm").post("/api/projects", ProjectDriver.itDeliveryProject("Visible to its people"))
                .get("id").asText();

        Api stranger = api().as(outsider);
        for (String path : List.of("/api/projects/" + id, "/api/projects/" + id + "/audit")) {
            Api.Answer answer = stranger.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.text()).doesNotContain("Visible to its people");
        }
        assertThat(ids(stranger.get("/api/projects?size=200").json())).doesNotContain(id);
        assertThat(stranger.patch("/api/projects/" + id + "/fields", Map.of("fields", Map.of("customer", "X"))).status())
                .isEqualTo(404);

        assertThat(ids(api().as("alice").get("/api/projects?size=200").json())).as("a developer of it").contains(id);
        assertThat(api().as("alice").get("/api/projects/" + id).status()).isEqualTo(200);
        assertThat(ids(api().as("pm").get("/api/projects?size=200").json())).as("a project manager").contains(id);

        String write = api().as("pm").get("/api/tasks?project=" + id).json().get(0).get("id").asText();
        assertThat(api().as("pm").post("/api/tasks/" + write + "/delegate", Map.of("to", outsider)).status()).isEqualTo(200);
        assertThat(stranger.get("/api/projects/" + id).status()).as("work handed to them").isEqualTo(200);
        assertThat(ids(stranger.get("/api/projects?size=200").json())).contains(id);
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(p -> out.add(p.get("id").asText()));
        return out;
    }
}
