package io.tollgate.engine.attachment;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.AppUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.tollgate.engine.ProjectDriver.PDF;
import static io.tollgate.engine.ProjectDriver.upload;
import static org.assertj.core.api.Assertions.assertThat;

class AttachmentFieldIntegrationTests extends IntegrationTestSupport {

    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    String template;

    @BeforeEach
    void publishTemplate() {
        template = "files-" + UUID.randomUUID().toString().substring(0, 8);
        Api admin = api().as("admin");
        Api.Answer saved = admin.put("/api/templates/" + template, "application/yaml", """
                key: %s
                name: Attachment fields
                roles:
                  pm: { name: Project manager }
                fields:
                  - { key: contract, type: attachment, name: Contract, required: true }
                  - { key: annex, type: attachment, name: Annex }
                stages:
                  - key: build
                    name: Build
                    owner: pm
                    tasks:
                      - key: report
                        name: Report
                        assignee: "user:alice"
                        fields: [ { key: evidence, type: attachment, name: Evidence, required: true } ]
                """.formatted(template));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        Api.Answer published = admin.post("/api/templates/" + template + "/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(201);
    }

    private Map<String, Object> project(String name, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("template", template);
        body.put("name", name);
        body.put("fields", fields);
        body.put("roles", Map.of("pm", List.of("pm")));
        return body;
    }

    @Test
    void anUploadedFileSavedInAFieldIsTheProjectsAndDownloadsSafelyForItsPeopleOnly() {
        Api pm = api().as("pm");
        Api.Answer uploaded = pm.upload("/api/attachments", "contract v1.pdf", "application/pdf", PDF);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        String id = uploaded.get("id").asText();
        assertThat(uploaded.get("filename").asText()).isEqualTo("contract v1.pdf");
        assertThat(uploaded.get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(uploaded.get("size").asLong()).isEqualTo(PDF.length);
        assertThat(pm.download("/api/attachments/" + id).statusCode()).isEqualTo(200);
        assertThat(api().as("alice").download("/api/attachments/" + id).statusCode()).isEqualTo(404);

        Api.Answer created = pm.post("/api/projects", project("Signed", Map.of("contract", id)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String project = created.get("id").asText();
        assertThat(created.get("fields").get("contract").asText()).isEqualTo(id);
        JsonNode file = pm.get("/api/projects/" + project).json().get("attachments").get(id);
        assertThat(file.get("filename").asText()).isEqualTo("contract v1.pdf");
        assertThat(file.get("size").asLong()).isEqualTo(PDF.length);
        assertThat(file.get("href").asText()).isEqualTo("/api/projects/" + project + "/attachments/" + id);

        for (String member : List.of("pm", "alice")) {
            HttpResponse<byte[]> download = api().as(member).download("/api/projects/" + project + "/attachments/" + id);
            assertThat(download.statusCode()).as(member).isEqualTo(200);
            assertThat(download.body()).isEqualTo(PDF);
            assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
            assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
                    .startsWith("attachment").contains("filename*=UTF-8''contract%20v1.pdf");
            assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(download.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
        }
        // bound now: no longer the uploader's loose file
        assertThat(pm.download("/api/attachments/" + id).statusCode()).isEqualTo(404);
        // bob takes no part in the project
        assertThat(api().as("bob").download("/api/projects/" + project + "/attachments/" + id).statusCode()).isEqualTo(404);
        // another project of the same workspace does not hold the file
        String other = pm.post("/api/projects", project("Other", Map.of("contract", upload(pm, "b.pdf", PDF))))
                .get("id").asText();
        assertThat(pm.download("/api/projects/" + other + "/attachments/" + id).statusCode()).isEqualTo(404);
        assertThat(pm.download("/api/projects/" + project + "/attachments/nope").statusCode()).isEqualTo(404);
        // nor does another workspace see anything of it
        Api stranger = api().as(stranger());
        assertThat(stranger.download("/api/projects/" + project + "/attachments/" + id).statusCode()).isEqualTo(404);
        assertThat(stranger.download("/api/attachments/" + id).statusCode()).isEqualTo(404);

        // the file is bound to its project: another project cannot take it
        Api.Answer stolen = pm.post("/api/projects", project("Thief", Map.of("contract", id)));
        assertThat(stolen.status()).isEqualTo(400);
        assertThat(stolen.get("errors").get(0).get("path").asText()).isEqualTo("fields.contract");
        Api.Answer patched = pm.patch("/api/projects/" + other + "/fields", Map.of("fields", Map.of("annex", id)));
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.get("errors").get(0).get("path").asText()).isEqualTo("fields.annex");
        // while the same project may write it again, and a fresh upload into another field
        String annex = upload(pm, "annex.png", png());
        Api.Answer again = pm.patch("/api/projects/" + project + "/fields", Map.of("fields", Map.of("contract", id, "annex", annex)));
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.get("attachments").get(annex).get("contentType").asText()).isEqualTo("image/png");
        assertThat(api().as("alice").download("/api/projects/" + project + "/attachments/" + annex).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesDisguisedEmptyMissingAndForeignFiles() {
        Api pm = api().as("pm");
        byte[] html = "<!doctype html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        Api.Answer disguised = pm.upload("/api/attachments", "invoice.pdf", "application/pdf", html);
        assertThat(disguised.status()).isEqualTo(415);
        assertThat(disguised.contentType()).startsWith("application/problem+json");
        Api.Answer empty = pm.upload("/api/attachments", "empty.pdf", "application/pdf", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");

        byte[] large = java.util.Arrays.copyOf(PDF, 10 * 1024 * 1024 + 1);
        Api.Answer tooLarge = pm.upload("/api/attachments", "large.pdf", "application/pdf", large);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");
        Api.Answer noFile = pm.postRaw("/api/attachments", "multipart/form-data; boundary=x", "--x--\r\n");
        assertThat(noFile.status()).isBetween(400, 499);

        Api.Answer missing = pm.post("/api/projects", project("No contract", Map.of()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.get("errors")).extracting(e -> e.get("path").asText()).containsExactly("fields.contract");
        Api.Answer cleared = pm.post("/api/projects", project("Cleared", new LinkedHashMap<>(Map.of("contract", ""))));
        assertThat(cleared.status()).isEqualTo(400);

        Api.Answer unknown = pm.post("/api/projects", project("Made up", Map.of("contract", UUID.randomUUID().toString())));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.get("errors").get(0).get("path").asText()).isEqualTo("fields.contract");
        assertThat(pm.post("/api/projects", project("Not text", Map.of("contract", 42))).status()).isEqualTo(400);

        String alices = upload(api().as("alice"), "alice.pdf", PDF);
        Api.Answer someoneElses = pm.post("/api/projects", project("Borrowed", Map.of("contract", alices)));
        assertThat(someoneElses.status()).isEqualTo(400);
        assertThat(someoneElses.get("errors").get(0).get("message").asText()).contains("Contract");

        String foreign = upload(api().as(stranger()), "theirs.pdf", PDF);
        Api.Answer otherWorkspace = pm.post("/api/projects", project("Foreign", Map.of("contract", foreign)));
        assertThat(otherWorkspace.status()).isEqualTo(400);
        assertThat(otherWorkspace.get("errors").get(0).get("path").asText()).isEqualTo("fields.contract");
    }

    @Test
    void completingATaskTakesItsAttachmentFieldAndTheInboxDescribesTheFile() {
        Api pm = api().as("pm");
        Api alice = api().as("alice");
        String project = pm.post("/api/projects", project("Reported", Map.of("contract", upload(pm, "c.pdf", PDF))))
                .get("id").asText();
        JsonNode item = alice.get("/api/tasks?project=" + project).json().get(0);
        String task = item.get("id").asText();
        assertThat(item.get("fields")).extracting(f -> f.get("type").asText()).containsExactly("attachment");

        Api.Answer without = alice.post("/api/tasks/" + task + "/complete", Map.of("fields", Map.of()));
        assertThat(without.status()).isEqualTo(400);
        assertThat(without.get("errors").get(0).get("path").asText()).isEqualTo("fields.evidence");
        Api.Answer bad = alice.post("/api/tasks/" + task + "/complete", Map.of("fields", Map.of("evidence", "report.pdf")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.get("errors").get(0).get("path").asText()).isEqualTo("fields.evidence");

        // the project manager attaches a draft; alice's form shows its name, type and size
        String draft = upload(pm, "draft.pdf", PDF);
        assertThat(pm.patch("/api/projects/" + project + "/fields", Map.of("fields", Map.of("evidence", draft))).status())
                .isEqualTo(200);
        JsonNode field = alice.get("/api/tasks?project=" + project).json().get(0).get("fields").get(0);
        assertThat(field.get("value").asText()).isEqualTo(draft);
        assertThat(field.get("file").get("filename").asText()).isEqualTo("draft.pdf");
        assertThat(field.get("file").get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(field.get("file").get("size").asLong()).isEqualTo(PDF.length);

        String evidence = upload(alice, "evidence.pdf", PDF);
        Api.Answer done = alice.post("/api/tasks/" + task + "/complete", Map.of("fields", Map.of("evidence", evidence)));
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        JsonNode after = pm.get("/api/projects/" + project).json();
        assertThat(after.get("status").asText()).isEqualTo("completed");
        assertThat(after.get("fields").get("evidence").asText()).isEqualTo(evidence);
        assertThat(after.get("attachments").get(evidence).get("filename").asText()).isEqualTo("evidence.pdf");
        assertThat(pm.download("/api/projects/" + project + "/attachments/" + evidence).body()).isEqualTo(PDF);
        // the draft it replaced stays with the project, as the audit trail names it
        assertThat(pm.download("/api/projects/" + project + "/attachments/" + draft).statusCode()).isEqualTo(200);
    }

    private static byte[] png() {
        return new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    }

    /** An admin of a workspace of their own. */
    private String stranger() {
        String b = UUID.randomUUID().toString();
        jdbc.update("insert into workspace (id, ws_key, name, enabled_modules, row_version) values (?, ?, ?, ?, 0)",
                b, "f-" + b.substring(0, 8), "Company F", "");
        String name = "outsider" + b.substring(0, 8);
        actors.register(new AppUser(name, encoder.encode(name), name, null, b, false), Set.of("admin"), Set.of());
        return name;
    }
}
