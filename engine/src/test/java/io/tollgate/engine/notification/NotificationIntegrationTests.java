package io.tollgate.engine.notification;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.MovableClock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notices reach people: a stage late on a working-day calendar alerts its owner and the PM in the
 * app, by email (received by a real SMTP server) and through every kind of webhook (received by a real
 * HTTP server, signatures checked with the services' own recipes), then escalates to the sponsor.
 * Time moves on the clock Tollgate and the engine share; nothing sleeps.
 */
@Import(NotificationIntegrationTests.EngineTime.class)
@TestPropertySource(properties = {
        "flowable.process.async.executor.default-timer-job-acquire-wait-time=PT0.2S",
        "tollgate.notifications.allow-private-targets=true",
        "tollgate.notifications.poll-interval=PT0.1S",
        "tollgate.notifications.first-retry=PT1M",
        "tollgate.notifications.max-retry=PT10M",
        "tollgate.notifications.max-attempts=5",
        "tollgate.notifications.base-url=http://tollgate.test",
        "tollgate.notifications.mail-from=tollgate@tollgate.test"})
class NotificationIntegrationTests extends IntegrationTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ObjectMapper JSON = new ObjectMapper();
    static final GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static final WebhookReceiver receiver;

    static {
        smtp.start();
        try {
            receiver = new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        receiver.close();
    }

    @TestConfiguration
    static class EngineTime {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }

        @Bean
        EngineConfigurationConfigurer<SpringProcessEngineConfiguration> engineTime(MovableClock clock) {
            return configuration -> configuration.setClock(clock.forEngine());
        }
    }

    @Autowired
    MovableClock clock;
    @Autowired
    ManagementService management;
    @Autowired
    io.tollgate.engine.security.Actors actors;
    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder encoder;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aLateStageOnAWorkingCalendarAlertsOwnerAndPmEverywhereThenEscalatesToTheSponsor() throws Exception {
        Api admin = api().as("admin");
        // a working week in Shanghai, New Year's Day 2027 (a Friday) off
        Api.Answer calendar = admin.put("/api/calendar", "application/json", """
                {"mode":"working","workingDays":["MON","TUE","WED","THU","FRI"],
                 "hours":{"start":"09:00","end":"18:00"},"zone":"Asia/Shanghai"}""");
        assertThat(calendar.status()).isEqualTo(200);
        assertThat(admin.postRaw("/api/calendar/holidays", "text/plain", "2027-01-01\n").get("holidays").toString())
                .contains("2027-01-01");
        assertThat(admin.put("/api/notification-settings", "application/json", """
                {"language":"en","reminder":{"before":"PT4H"},"escalation":{"after":"P1D","roles":["sponsor"]}}""")
                .status()).isEqualTo(200);
        // the PM wants overdue alerts in the app only; alice reads Chinese
        assertThat(api().as("pm").put("/api/me/notification-settings", "application/json",
                "{\"events\":{\"stage_overdue\":[\"inapp\"]}}").status()).isEqualTo(200);
        assertThat(api().as("alice").put("/api/me/notification-settings", "application/json",
                "{\"language\":\"zh-CN\"}").status()).isEqualTo(200);

        Map<String, String> secrets = Map.of("dingtalk", "SEC-ding-123", "feishu", "feishu-secret", "generic", "whsec-42");
        for (String kind : List.of("dingtalk", "feishu", "wecom", "slack", "generic")) {
            Map<String, Object> hook = new LinkedHashMap<>();
            hook.put("kind", kind);
            hook.put("name", kind + " robot");
            hook.put("url", receiver.url("/" + kind) + (kind.equals("dingtalk") ? "?access_token=tok" : ""));
            if (secrets.containsKey(kind)) {
                hook.put("secret", secrets.get(kind));
            }
            Api.Answer added = admin.post("/api/webhooks", hook);
            assertThat(added.status()).isEqualTo(201);
            assertThat(added.text()).doesNotContain(secrets.getOrDefault(kind, "no secret"));
        }

        admin.put("/api/templates/notify-sla", "application/yaml", """
                key: notify-sla
                name: Notify SLA
                roles:
                  pm: { name: Project manager }
                  dev: { name: Developer }
                  sponsor: { name: Sponsor }
                stages:
                  - key: build
                    name: Build
                    names: { zh-CN: 构建 }
                    owner: dev
                    duration: P1D
                    alertAfter: P1D
                    tasks: [ { key: code, name: Write the code, assignee: dev } ]
                """);
        assertThat(admin.post("/api/templates/notify-sla/publish", Map.of()).status()).isEqualTo(201);

        moveTo("2026-12-30T10:00"); // a Wednesday
        Api.Answer created = api().as("pm").post("/api/projects", Map.of("template", "notify-sla", "name", "Late build",
                "roles", Map.of("pm", List.of("pm"), "dev", List.of("alice"), "sponsor", List.of("bob"))));
        assertThat(created.status()).isEqualTo(201);
        String project = created.get("id").asText();
        String link = "http://tollgate.test/projects/" + project;

        JsonNode assigned = awaitNotification("alice", project, "task_assigned");
        assertThat(assigned.get("link").asText()).isEqualTo(link);

        // the reminder: 4 working hours before the due date, Thursday 10:00
        moveTo("2026-12-30T15:01");
        awaitNotification("alice", project, "stage_due_soon");

        moveTo("2026-12-31T10:01");
        await().atMost(Duration.ofMinutes(1)).until(() -> stage(project).hasNonNull("overdueAt"));

        // a day later in plain time, but the next day is a holiday and then comes the weekend
        moveTo("2027-01-01T11:00");
        Instant mondayTen = at("2027-01-04T10:00");
        // the project started a moment after Wednesday 10:00, so the alert is due a moment after Monday 10:00
        assertThat(management.createTimerJobQuery().list()).extracting(Job::getDuedate)
                .as("the alert is due one working day after the due date")
                .anyMatch(due -> !due.toInstant().isBefore(mondayTen)
                        && due.toInstant().isBefore(mondayTen.plus(Duration.ofMinutes(1))));
        assertThat(inbox("alice")).noneMatch(n -> n.get("event").asText().equals("stage_overdue")
                && n.get("projectId").asText().equals(project));

        moveTo("2027-01-04T10:01");
        await().atMost(Duration.ofMinutes(1)).until(() -> stage(project).hasNonNull("escalatedAt"));
        assertThat(Instant.parse(stage(project).get("escalatedAt").asText())).isAfterOrEqualTo(mondayTen);

        // in-app: the owner and the PM, each in their language
        JsonNode ownerAlert = awaitNotification("alice", project, "stage_overdue");
        assertThat(ownerAlert.get("title").asText()).isEqualTo("已逾期：构建");
        JsonNode pmAlert = awaitNotification("pm", project, "stage_overdue");
        assertThat(pmAlert.get("title").asText()).isEqualTo("Overdue: Build");
        assertThat(pmAlert.get("text").asText()).contains("Late build", "2026-12-31 10:00");

        // email: alice in Chinese, text and HTML with the link; the PM opted out of email
        MimeMessage mail = awaitMail("alice@demo.tollgate.local", "已逾期");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("tollgate@tollgate.test");
        Map<String, String> parts = parts(mail);
        assertThat(parts.get("text/plain")).contains("构建", link);
        assertThat(parts.get("text/html")).contains("<a href=\"" + link + "\">打开</a>");
        assertThat(mail.getHeader("X-Tollgate-Delivery")[0]).isNotBlank();
        assertThat(mail.getMessageID()).isEqualTo("<" + mail.getHeader("X-Tollgate-Delivery")[0] + "@tollgate>");
        JsonNode deliveries = admin.get("/api/notifications/deliveries?size=100").get("items");
        assertThat(deliveries).filteredOn(d -> d.get("projectId").asText().equals(project)
                        && d.get("event").asText().equals("stage_overdue") && d.get("channel").asText().equals("email"))
                .extracting(d -> d.get("target").asText()).containsExactly("alice");

        // every webhook kind, in its own format, signed by its own recipe
        checkDingTalk(awaitWebhook("/dingtalk", link, "Overdue: Build"), secrets.get("dingtalk"), link,
                clock.instant().toEpochMilli());
        checkFeishu(awaitWebhook("/feishu", link, "Overdue: Build"), secrets.get("feishu"), link);
        JsonNode wecom = JSON.readTree(awaitWebhook("/wecom", link, "Overdue: Build").body());
        assertThat(wecom.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(wecom.at("/markdown/content").asText()).contains("**Overdue: Build**", "(" + link + ")");
        JsonNode slack = JSON.readTree(awaitWebhook("/slack", link, "Overdue: Build").body());
        assertThat(slack.at("/blocks/0/type").asText()).isEqualTo("section");
        assertThat(slack.at("/blocks/0/text/type").asText()).isEqualTo("mrkdwn");
        assertThat(slack.at("/blocks/1/elements/0/url").asText()).isEqualTo(link);
        checkGeneric(awaitWebhook("/generic", link, "stage_overdue"), secrets.get("generic"), project, link);

        // still overdue one working day later: the sponsor hears of it
        moveTo("2027-01-05T10:05");
        JsonNode escalation = awaitNotification("bob", project, "stage_escalated");
        assertThat(escalation.get("title").asText()).isEqualTo("Escalation: Build is still overdue");
        awaitMail("bob@demo.tollgate.local", "Escalation: Build");
        awaitWebhook("/generic", link, "stage_escalated");

        // unread counts and marking read
        JsonNode bobInbox = api().as("bob").get("/api/notifications").json();
        assertThat(bobInbox.get("unread").asInt()).isPositive();
        // a page in Chinese asks for its language, whatever the settings say; an unknown one is refused
        JsonNode inChinese = api().as("bob").get("/api/notifications?lang=zh-CN").json();
        assertThat(inChinese.get("items").findValuesAsText("title")).anyMatch(t -> t.startsWith("升级："));
        Api.Answer unknown = api().as("bob").get("/api/notifications?lang=klingon");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).contains("application/problem+json");
        assertThat(api().as("bob").post("/api/notifications/" + escalation.get("id").asText() + "/read", Map.of())
                .status()).isEqualTo(204);
        assertThat(api().as("alice").post("/api/notifications/" + escalation.get("id").asText() + "/read", Map.of())
                .status()).as("someone else's notification").isEqualTo(404);
        assertThat(api().as("bob").post("/api/notifications/read-all", Map.of()).status()).isEqualTo(200);
        assertThat(api().as("bob").get("/api/notifications").get("unread").asInt()).isZero();
    }

    @Test
    void aFailingReceiverGetsEachDeliveryOnceAndADeadOneIsRetriedByTheAdmin() throws Exception {
        Api admin = api().as("admin");
        assertThat(admin.post("/api/webhooks", Map.of("kind", "generic", "name", "flaky", "url", receiver.url("/flaky"),
                "secret", "flaky-secret")).status()).isEqualTo(201);
        assertThat(admin.post("/api/webhooks", Map.of("kind", "generic", "name", "down", "url", receiver.url("/down"),
                "secret", "down-secret")).status()).isEqualTo(201);
        admin.put("/api/templates/notify-retry", "application/yaml", """
                key: notify-retry
                name: Notify retry
                stages:
                  - key: only
                    tasks: [ { key: t, assignee: "user:carol" } ]
                """);
        assertThat(admin.post("/api/templates/notify-retry/publish", Map.of()).status()).isEqualTo(201);
        String project = api().as("pm").post("/api/projects", Map.of("template", "notify-retry", "name", "Retry"))
                .get("id").asText();
        String link = "/projects/" + project;

        // 503, 503, 503, then 200: one delivery id throughout, accepted once
        for (int attempt = 1; attempt <= 4; attempt++) {
            int n = attempt;
            await().atMost(Duration.ofMinutes(1)).until(() -> receiver.at("/flaky", link).size() >= n);
            await().atMost(Duration.ofMinutes(1)).until(() -> delivery(project, "flaky", n) != null);
            clock.advance(Duration.ofMinutes(15));
        }
        List<WebhookReceiver.Received> flaky = receiver.at("/flaky", link);
        assertThat(flaky).hasSize(4);
        assertThat(flaky).extracting(r -> r.header("X-Tollgate-Delivery")).containsOnly(flaky.get(0).header("X-Tollgate-Delivery"));
        assertThat(flaky).extracting(WebhookReceiver.Received::answered).containsExactly(503, 503, 503, 200);
        await().atMost(Duration.ofMinutes(1)).until(() -> "sent".equals(delivery(project, "flaky", 4).get("status").asText()));

        // always failing: dead after five attempts, listed, retried by the admin once fixed, delivered once
        for (int attempt = 1; attempt <= 5; attempt++) {
            int n = attempt;
            await().atMost(Duration.ofMinutes(1)).until(() -> delivery(project, "down", n) != null);
            clock.advance(Duration.ofMinutes(15));
        }
        JsonNode dead = delivery(project, "down", 5);
        assertThat(dead.get("status").asText()).isEqualTo("dead");
        assertThat(dead.get("lastError").asText()).contains("503");
        assertThat(admin.get("/api/notifications/deliveries?status=dead").get("items"))
                .anyMatch(d -> d.get("id").asText().equals(dead.get("id").asText()));
        assertThat(api().as("alice").get("/api/notifications/deliveries").status()).isEqualTo(403);
        receiver.down = false;
        assertThat(admin.post("/api/notifications/deliveries/" + dead.get("id").asText() + "/retry", Map.of()).status())
                .isEqualTo(202);
        await().atMost(Duration.ofMinutes(1)).until(() -> "sent".equals(delivery(project, "down", 1).get("status").asText()));
        List<WebhookReceiver.Received> down = receiver.at("/down", link);
        assertThat(down).hasSize(6);
        assertThat(down).filteredOn(r -> r.answered() == 200).hasSize(1);
        assertThat(admin.post("/api/notifications/deliveries/" + dead.get("id").asText() + "/retry", Map.of()).status())
                .as("a sent delivery is never sent again").isEqualTo(409);
    }

    @Test
    void badSettingsAndTargetsAreRefused() {
        Api admin = api().as("admin");
        assertThat(admin.post("/api/webhooks", Map.of("kind", "generic", "url", "http://169.254.169.254/latest",
                "secret", "s")).status()).isEqualTo(400);
        assertThat(admin.post("/api/webhooks", Map.of("kind", "slack", "url", "file:///etc/passwd")).status()).isEqualTo(400);
        assertThat(admin.post("/api/webhooks", Map.of("kind", "teams", "url", receiver.url("/x"))).status()).isEqualTo(400);
        assertThat(api().as("alice").post("/api/webhooks", Map.of("kind", "slack", "url", receiver.url("/x"))).status())
                .isEqualTo(403);
        assertThat(api().as("alice").put("/api/calendar", "application/json", "{\"mode\":\"working\"}").status())
                .isEqualTo(403);
        assertThat(admin.put("/api/calendar", "application/json", "{\"mode\":\"sometimes\"}").status()).isEqualTo(400);
        assertThat(admin.postRaw("/api/calendar/holidays", "text/plain", "2026-13-45").status()).isEqualTo(400);
        assertThat(api().as("alice").put("/api/me/notification-settings", "application/json",
                "{\"events\":{\"stage_overdue\":[\"webhook\"]}}").status()).isEqualTo(400);
        assertThat(api().as("alice").get("/api/notifications?size=1000").status()).isEqualTo(400);
    }

    @Test
    void anotherWorkspaceSeesNoneOfItAndCannotTouchIt() throws Exception {
        Api admin = api().as("admin");
        String hook = admin.post("/api/webhooks", Map.of("kind", "wecom", "name", "a-only", "url",
                receiver.url("/wecom?key=a"))).get("id").asText();
        admin.put("/api/templates/notify-ws", "application/yaml", """
                key: notify-ws
                name: Notify workspace
                stages:
                  - key: only
                    tasks: [ { key: t, assignee: "user:carol" } ]
                """);
        assertThat(admin.post("/api/templates/notify-ws/publish", Map.of()).status()).isEqualTo(201);
        String project = api().as("pm").post("/api/projects", Map.of("template", "notify-ws", "name", "A only"))
                .get("id").asText();
        JsonNode mine = awaitNotification("carol", project, "task_assigned");
        JsonNode delivery = await().atMost(Duration.ofMinutes(1)).until(() -> {
            for (JsonNode d : admin.get("/api/notifications/deliveries?size=100").get("items")) {
                if (d.get("projectId").asText().equals(project)) {
                    return d;
                }
            }
            return null;
        }, d -> d != null);

        String b = java.util.UUID.randomUUID().toString();
        jdbc.update("insert into workspace (id, ws_key, name, enabled_modules, row_version) values (?, ?, ?, ?, 0)",
                b, "b-" + b.substring(0, 8), "Company B", "");
        String adminB = "nadmin" + b.substring(0, 8);
        actors.register(new io.tollgate.engine.security.AppUser(adminB, encoder.encode(adminB), adminB, null, b, false),
                java.util.Set.of("admin"), java.util.Set.of());
        Api them = api().as(adminB);
        assertThat(them.get("/api/webhooks").text()).doesNotContain(hook);
        assertThat(them.get("/api/notifications/deliveries?size=100").text()).doesNotContain(project);
        assertThat(them.get("/api/notifications?size=100").text()).doesNotContain(project);
        assertThat(them.post("/api/notifications/" + mine.get("id").asText() + "/read", Map.of()).status()).isEqualTo(404);
        assertThat(them.post("/api/notifications/deliveries/" + delivery.get("id").asText() + "/retry", Map.of()).status())
                .isEqualTo(404);
        assertThat(them.get("/api/calendar").get("mode").asText()).isEqualTo("calendar");
        assertThat(them.get("/api/notification-settings").get("language").asText()).isEqualTo("en");
        assertThat(delete(adminB, "/api/webhooks/" + hook)).isEqualTo(404);
        assertThat(admin.get("/api/webhooks").text()).contains(hook);
        assertThat(delete("admin", "/api/webhooks/" + hook)).isEqualTo(204);
        assertThat(admin.get("/api/webhooks").text()).doesNotContain(hook);
        assertThat(admin.get("/api/audit?limit=1000").text()).contains("webhook.added", "webhook.removed");
    }

    // --- the services' recipes, written from their documentation

    private static void checkDingTalk(WebhookReceiver.Received r, String secret, String link, long nowMillis)
            throws Exception {
        Map<String, String> query = query(r.uri().getRawQuery());
        assertThat(query.get("access_token")).isEqualTo("tok");
        String timestamp = query.get("timestamp");
        String expected = Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8),
                timestamp + "\n" + secret));
        assertThat(URLDecoder.decode(query.get("sign"), StandardCharsets.UTF_8)).isEqualTo(expected);
        // DingTalk refuses a timestamp more than an hour away from its own clock
        assertThat(Math.abs(Long.parseLong(timestamp) - nowMillis)).isLessThan(Duration.ofHours(1).toMillis());
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.at("/markdown/title").asText()).isEqualTo("Overdue: Build");
        assertThat(body.at("/markdown/text").asText()).contains("](" + link + ")");
    }

    private static void checkFeishu(WebhookReceiver.Received r, String secret, String link) throws Exception {
        JsonNode body = JSON.readTree(r.body());
        String timestamp = body.get("timestamp").asText();
        assertThat(timestamp).matches("\\d{10}");
        String expected = Base64.getEncoder().encodeToString(hmac((timestamp + "\n" + secret)
                .getBytes(StandardCharsets.UTF_8), ""));
        assertThat(body.get("sign").asText()).isEqualTo(expected);
        assertThat(body.get("msg_type").asText()).isEqualTo("post");
        JsonNode post = body.at("/content/post/en_us");
        assertThat(post.get("title").asText()).isEqualTo("Overdue: Build");
        assertThat(post.at("/content/0/1/tag").asText()).isEqualTo("a");
        assertThat(post.at("/content/0/1/href").asText()).isEqualTo(link);
    }

    private static void checkGeneric(WebhookReceiver.Received r, String secret, String project, String link)
            throws Exception {
        String signature = r.header("X-Tollgate-Signature");
        Map<String, String> parts = new LinkedHashMap<>();
        for (String p : signature.split(",")) {
            parts.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        String expected = HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8),
                parts.get("t") + "." + r.body()));
        assertThat(parts.get("v1")).isEqualTo(expected);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("id").asText()).isEqualTo(r.header("X-Tollgate-Delivery"));
        assertThat(body.get("event").asText()).isEqualTo("stage_overdue");
        assertThat(body.get("project").asText()).isEqualTo(project);
        assertThat(body.get("link").asText()).isEqualTo(link);
        assertThat(body.get("recipients")).extracting(JsonNode::asText).containsExactlyInAnyOrder("alice", "pm");
    }

    private static byte[] hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : raw.split("&")) {
            out.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        return out;
    }

    // --- helpers

    private int delete(String user, String path) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                        .getBytes(StandardCharsets.UTF_8)))
                .DELETE().build();
        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private void moveTo(String shanghaiLocal) {
        Duration by = Duration.between(clock.instant(), at(shanghaiLocal));
        assertThat(by.isNegative()).as("time only moves forward").isFalse();
        clock.advance(by);
    }

    private static Instant at(String shanghaiLocal) {
        return LocalDateTime.parse(shanghaiLocal).atZone(SHANGHAI).toInstant();
    }

    private JsonNode stage(String project) {
        return api().as("pm").get("/api/projects/" + project).get("stages").get(0);
    }

    private List<JsonNode> inbox(String user) {
        List<JsonNode> out = new ArrayList<>();
        api().as(user).get("/api/notifications?size=100").get("items").forEach(out::add);
        return out;
    }

    private JsonNode awaitNotification(String user, String project, String event) {
        Predicate<JsonNode> match = n -> n.get("event").asText().equals(event) && n.get("projectId").asText().equals(project);
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> inbox(user).stream().filter(match).findFirst().orElse(null), n -> n != null);
    }

    private MimeMessage awaitMail(String to, String subject) {
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (m.getSubject().contains(subject) && m.getRecipients(Message.RecipientType.TO)[0].toString().equals(to)) {
                    return m;
                }
            }
            return null;
        }, m -> m != null);
    }

    private WebhookReceiver.Received awaitWebhook(String path, String link, String mustContain) {
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(
                () -> receiver.at(path, link).stream().filter(r -> r.body().contains(mustContain)).findFirst().orElse(null),
                r -> r != null);
    }

    /** The delivery of the project's notice to the named webhook once it has at least {@code attempts} attempts, settled. */
    private JsonNode delivery(String project, String webhookName, int attempts) {
        Api admin = api().as("admin");
        String hookId = null;
        for (JsonNode w : admin.get("/api/webhooks").json()) {
            if (w.get("name").asText().equals(webhookName)) {
                hookId = w.get("id").asText();
            }
        }
        for (JsonNode d : admin.get("/api/notifications/deliveries?size=100").get("items")) {
            if (d.get("projectId").asText().equals(project) && d.get("target").asText().equals(hookId)
                    && d.get("attempts").asInt() >= attempts && !d.get("status").asText().equals("sending")) {
                return d;
            }
        }
        return null;
    }

    private static Map<String, String> parts(MimeMessage mail) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        collect(mail.getContent(), out);
        return out;
    }

    private static void collect(Object content, Map<String, String> out) throws Exception {
        if (content instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.getContent() instanceof MimeMultipart) {
                    collect(part.getContent(), out);
                } else {
                    out.put(part.getContentType().split(";")[0].trim().toLowerCase(), GreenMailUtil.getBody(part).isEmpty()
                            ? "" : String.valueOf(part.getContent()));
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
