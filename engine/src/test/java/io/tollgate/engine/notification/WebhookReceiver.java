package io.tollgate.engine.notification;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that receives webhooks the way each service would: it answers
 * DingTalk and WeCom with {@code errcode 0}, Feishu with {@code code 0}, Slack with {@code ok}.
 * {@code /flaky} fails the first three requests of each delivery id with 503; {@code /down} fails
 * while it is down.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived, and the status it was answered with. */
    record Received(String path, URI uri, Map<String, List<String>> headers, String body, int answered) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> flakyTries = new ConcurrentHashMap<>();
    volatile boolean down = true;
    private final HttpServer server;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String path = exchange.getRequestURI().getPath();
            String delivery = exchange.getRequestHeaders().getFirst("X-Tollgate-Delivery");
            int status = 200;
            String answer = switch (path) {
                case "/dingtalk", "/wecom" -> "{\"errcode\":0,\"errmsg\":\"ok\"}";
                case "/feishu" -> "{\"code\":0,\"msg\":\"success\",\"data\":{}}";
                case "/slack" -> "ok";
                default -> "{}";
            };
            if (path.equals("/flaky") && flakyTries.computeIfAbsent(String.valueOf(delivery), k -> new AtomicInteger())
                    .incrementAndGet() <= 3) {
                status = 503;
            }
            if (path.equals("/down") && down) {
                status = 503;
            }
            received.add(new Received(path, exchange.getRequestURI(), Map.copyOf(exchange.getRequestHeaders()), body,
                    status));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> at(String path, String mustContain) {
        return received.stream().filter(r -> r.path().equals(path) && r.body().contains(mustContain)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
