package io.tollgate.engine.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Webhooks, each in its service's documented format: DingTalk custom robot (markdown; signed URL),
 * Feishu/Lark custom bot (post; signature in the body), WeCom group robot (markdown), Slack incoming
 * webhook (blocks) and a generic JSON webhook signed over timestamp and body. Every request carries
 * {@code X-Tollgate-Delivery}, the same on every attempt.
 */
@Component
class WebhookChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final TargetGuard guard;
    private final NotificationSettings settings;
    private final Clock clock;

    WebhookChannel(TargetGuard guard, NotificationSettings settings, Clock clock) {
        this.guard = guard;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What came back: sent, or failed with a reason and perhaps the wait the service asked for. */
    record Outcome(boolean sent, String error, Duration retryAfter) {
        static Outcome ok() {
            return new Outcome(true, null, null);
        }

        static Outcome failed(String error, Duration retryAfter) {
            return new Outcome(false, error, retryAfter);
        }
    }

    /** A request as it goes out. */
    record Request(URI uri, String body, Map<String, String> headers) {
    }

    Outcome send(Webhook hook, String secret, Message m) {
        Request request;
        try {
            request = build(hook.kind(), hook.url(), secret, m, clock.millis());
            guard.check(request.uri().toString());
        } catch (IllegalArgumentException e) {
            return Outcome.failed(e.getMessage(), null);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach(b::header);
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Outcome.failed("Could not reach the webhook: " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("Interrupted", null);
        }
        int status = response.statusCode();
        if (status == 429) {
            return Outcome.failed("429 Too Many Requests", retryAfter(response));
        }
        if (status < 200 || status >= 300) {
            return Outcome.failed("HTTP " + status, retryAfter(response));
        }
        return serviceError(hook.kind(), response.body()).map(e -> Outcome.failed(e, null)).orElse(Outcome.ok());
    }

    /** The request for one service; {@code nowMillis} is the signing time. */
    static Request build(Webhook.Kind kind, String url, String secret, Message m, long nowMillis) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Tollgate-Delivery", m.deliveryId());
        String open = "zh-CN".equals(m.language()) ? "打开" : "Open";
        ObjectNode body = JSON.createObjectNode();
        String target = url;
        switch (kind) {
            case DINGTALK -> {
                body.put("msgtype", "markdown");
                ObjectNode md = body.putObject("markdown");
                md.put("title", m.title());
                md.put("text", "#### " + m.title() + "\n\n" + m.text() + "\n\n[" + open + "](" + m.link() + ")");
                ObjectNode at = body.putObject("at");
                at.putArray("atMobiles");
                at.put("isAtAll", false);
                if (secret != null && !secret.isEmpty()) {
                    String timestamp = Long.toString(nowMillis);
                    String sign = Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8),
                            timestamp + "\n" + secret));
                    target = url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
                            + URLEncoder.encode(sign, StandardCharsets.UTF_8);
                }
            }
            case FEISHU -> {
                if (secret != null && !secret.isEmpty()) {
                    String timestamp = Long.toString(nowMillis / 1000);
                    // the key is timestamp + "\n" + secret, the message empty; Base64, not URL-encoded
                    body.put("timestamp", timestamp);
                    body.put("sign", Base64.getEncoder().encodeToString(
                            hmac((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8), "")));
                }
                body.put("msg_type", "post");
                ObjectNode post = body.putObject("content").putObject("post")
                        .putObject("zh-CN".equals(m.language()) ? "zh_cn" : "en_us");
                post.put("title", m.title());
                ArrayNode line = post.putArray("content").addArray();
                line.addObject().put("tag", "text").put("text", m.text() + " ");
                line.addObject().put("tag", "a").put("text", open).put("href", m.link());
            }
            case WECOM -> {
                body.put("msgtype", "markdown");
                body.putObject("markdown").put("content",
                        "**" + m.title() + "**\n" + m.text() + "\n[" + open + "](" + m.link() + ")");
            }
            case SLACK -> {
                body.put("text", m.title() + ": " + m.text());
                ArrayNode blocks = body.putArray("blocks");
                ObjectNode section = blocks.addObject();
                section.put("type", "section");
                section.putObject("text").put("type", "mrkdwn").put("text", "*" + slack(m.title()) + "*\n" + slack(m.text()));
                ObjectNode actions = blocks.addObject();
                actions.put("type", "actions");
                ObjectNode button = actions.putArray("elements").addObject();
                button.put("type", "button");
                button.putObject("text").put("type", "plain_text").put("text", open);
                button.put("url", m.link());
            }
            case GENERIC -> {
                body.put("id", m.deliveryId());
                body.put("event", m.event());
                body.put("workspace", m.workspaceId());
                body.put("project", m.projectId());
                if (m.stageKey() != null) {
                    body.put("stage", m.stageKey());
                }
                body.put("language", m.language());
                body.put("title", m.title());
                body.put("text", m.text());
                body.put("link", m.link());
                ArrayNode to = body.putArray("recipients");
                m.recipients().forEach(to::add);
                body.put("occurredAt", m.occurredAt().toString());
            }
            default -> throw new IllegalStateException("Unknown webhook kind " + kind);
        }
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (kind == Webhook.Kind.GENERIC) {
            headers.put("X-Tollgate-Event", m.event());
            if (secret != null && !secret.isEmpty()) {
                String t = Long.toString(nowMillis / 1000);
                headers.put("X-Tollgate-Signature", "t=" + t + ",v1="
                        + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), t + "." + json)));
            }
        }
        return new Request(URI.create(target), json, headers);
    }

    /** A 200 answer that still says no: DingTalk and WeCom {@code errcode}, Feishu {@code code}. */
    private static Optional<String> serviceError(Webhook.Kind kind, String body) {
        if (body == null || body.isBlank() || kind == Webhook.Kind.SLACK || kind == Webhook.Kind.GENERIC) {
            return Optional.empty();
        }
        try {
            JsonNode answer = JSON.readTree(body);
            JsonNode code = kind == Webhook.Kind.FEISHU ? answer.path("code") : answer.path("errcode");
            if (code.isNumber() && code.asInt() != 0) {
                String msg = kind == Webhook.Kind.FEISHU ? answer.path("msg").asText("") : answer.path("errmsg").asText("");
                return Optional.of(kind.key() + " error " + code.asInt() + " " + msg);
            }
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                long s = Long.parseLong(v.trim());
                return s >= 0 && s <= 86_400 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    private static String slack(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
