package dev.textback.dispatch.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny stand-in for Vonage's SMS API: answers {@code POST /sms/json} the way Vonage does (HTTP
 * 200, string-typed fields, a status per message) and records every submission. Replies can be
 * scripted per recipient to play throttling, refusals or server errors.
 */
public final class VonageStub {
    /** One form-encoded submission as the SDK sent it. */
    public record Submission(String from, String to, String text, String clientRef, String type,
            String authorization) {
    }

    /** A scripted answer: an HTTP status and, for 200, the Vonage message status, after a delay. */
    public record Reply(int httpStatus, String status, long delayMillis) {
        public static Reply status(String status) {
            return new Reply(200, status, 0);
        }

        public static Reply http(int httpStatus) {
            return new Reply(httpStatus, null, 0);
        }

        /** Accepts the text but answers only after the client gave up waiting. */
        public static Reply tooLate(long delayMillis) {
            return new Reply(200, "0", delayMillis);
        }
    }

    private final HttpServer server;
    private final List<Submission> submissions = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final boolean recording;

    private VonageStub(HttpServer server, boolean recording) {
        this.server = server;
        this.recording = recording;
    }

    public static VonageStub start() {
        return start(true);
    }

    /**
     * {@code recording} false keeps no submissions (for benchmarks: the list copies itself on every
     * add, which would cost more than the answer at hundreds of thousands of submissions).
     */
    public static VonageStub start(boolean recording) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            VonageStub stub = new VonageStub(server, recording);
            server.createContext("/sms/json", stub::handle);
            server.createContext("/v1/messages", stub::handleMessages);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Vonage stub", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** The next submissions to this number (E.164 with or without '+') get these replies, in order. */
    public void script(String to, Reply... replies) {
        scripts.computeIfAbsent(digits(to), k -> new ArrayDeque<>()).addAll(List.of(replies));
    }

    public List<Submission> submissionsTo(String to) {
        String d = digits(to);
        return submissions.stream().filter(s -> d.equals(s.to())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{}");
                return;
            }
            Map<String, String> form = parseForm(exchange.getRequestBody());
            Submission s = new Submission(form.get("from"), form.get("to"), form.get("text"), form.get("client-ref"),
                    form.get("type"), exchange.getRequestHeaders().getFirst("Authorization"));
            if (recording) {
                submissions.add(s);
            }
            Deque<Reply> script = scripts.get(s.to());
            Reply reply = script == null ? null : script.poll();
            if (reply == null) {
                reply = Reply.status("0");
            }
            if (reply.delayMillis() > 0) {
                sleep(reply.delayMillis());
            }
            if (reply.httpStatus() != 200) {
                respond(exchange, reply.httpStatus(), "Service Unavailable");
                return;
            }
            respond(exchange, 200, body(s, reply.status()));
        }
    }

    /** Messages API: JSON in, 202 with a message_uuid out; scripted errors as problem bodies. */
    private void handleMessages(HttpExchange exchange) throws IOException {
        try (exchange) {
            com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(exchange.getRequestBody().readAllBytes());
            Submission s = new Submission(json.path("from").asText(null), json.path("to").asText(null),
                    json.path("text").asText(null), json.path("client_ref").asText(null),
                    "messages:" + json.path("channel").asText() + ":" + json.path("message_type").asText(),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            submissions.add(s);
            Deque<Reply> script = scripts.get(s.to());
            Reply reply = script == null ? null : script.poll();
            if (reply == null) {
                reply = Reply.status("0");
            }
            if (reply.delayMillis() > 0) {
                sleep(reply.delayMillis());
            }
            if (reply.httpStatus() == 200 && "0".equals(reply.status())) {
                respond(exchange, 202, "{\"message_uuid\":\"" + UUID.randomUUID() + "\"}");
                return;
            }
            int http = reply.httpStatus() == 200 ? 422 : reply.httpStatus();
            String code = reply.status() == null ? String.valueOf(http) : reply.status();
            respond(exchange, http, "{\"type\":\"https://developer.vonage.com/api-errors/messages#" + code
                    + "\",\"title\":\"scripted error\",\"detail\":\"scripted " + code
                    + "\",\"instance\":\"" + UUID.randomUUID() + "\"}");
        }
    }

    private static String body(Submission s, String status) {
        if ("0".equals(status)) {
            return "{\"message-count\":\"1\",\"messages\":[{\"to\":\"" + s.to() + "\",\"message-id\":\""
                    + UUID.randomUUID() + "\",\"status\":\"0\",\"remaining-balance\":\"10.00\","
                    + "\"message-price\":\"0.00790000\",\"network\":\"310004\""
                    + (s.clientRef() == null ? "" : ",\"client-ref\":\"" + s.clientRef() + "\"") + "}]}";
        }
        return "{\"message-count\":\"1\",\"messages\":[{\"to\":\"" + s.to() + "\",\"status\":\"" + status
                + "\",\"error-text\":\"scripted error " + status + "\"}]}";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status == 200 || status == 202 ? "application/json" : body.startsWith("{") ? "application/problem+json"
                        : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parseForm(InputStream in) throws IOException {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(k, v);
        }
        return form;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String digits(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }
}
