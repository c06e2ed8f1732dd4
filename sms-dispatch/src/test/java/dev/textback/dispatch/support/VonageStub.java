package dev.textback.dispatch.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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

        /**
         * The request never reaches the provider (lost on the way): no record of it, and no answer
         * before the client gives up waiting.
         */
        public static Reply lost(long delayMillis) {
            return new Reply(0, null, delayMillis);
        }

        boolean isLost() {
            return httpStatus == 0;
        }
    }

    private final HttpServer server;
    private final List<Submission> submissions = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    /** What the provider's Reports API knows: every SMS it accepted, by recipient (only when recording). */
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Set<String> recordsDownFor = ConcurrentHashMap.newKeySet();
    private final AtomicInteger recordQueries = new AtomicInteger();

    private record Received(String clientRef, String messageId, Instant at) {
    }
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
            server.createContext("/v2/reports/records", stub::handleRecords);
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

    /** The Reports API answers 503 for this recipient until {@link #recordsUp(String)}. */
    public void recordsDown(String to) {
        recordsDownFor.add(digits(to));
    }

    public void recordsUp(String to) {
        recordsDownFor.remove(digits(to));
    }

    public int recordQueries() {
        return recordQueries.get();
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
            Deque<Reply> script = scripts.get(s.to());
            Reply reply = script == null ? null : script.poll();
            if (reply == null) {
                reply = Reply.status("0");
            }
            if (reply.isLost()) {
                sleep(reply.delayMillis());
                respond(exchange, 503, "lost"); // read by nobody: the client gave up
                return;
            }
            String messageId = UUID.randomUUID().toString();
            if (recording) {
                submissions.add(s);
                if (reply.httpStatus() == 200 && "0".equals(reply.status()) && s.to() != null) {
                    received.computeIfAbsent(s.to(), k -> new CopyOnWriteArrayList<>())
                            .add(new Received(s.clientRef(), messageId, Instant.now()));
                }
            }
            if (reply.delayMillis() > 0) {
                sleep(reply.delayMillis());
            }
            if (reply.httpStatus() != 200) {
                respond(exchange, reply.httpStatus(), "Service Unavailable");
                return;
            }
            respond(exchange, 200, body(s, reply.status(), messageId));
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

    /**
     * Vonage's synchronous Reports API, {@code GET /v2/reports/records}: the SMS accepted for the
     * {@code to} number with {@code date_start <= received < date_end}, as records with their
     * {@code client_ref}. Needs basic auth with the test key.
     */
    private void handleRecords(HttpExchange exchange) throws IOException {
        try (exchange) {
            recordQueries.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((VonageStubResource.API_KEY + ":" + VonageStubResource.API_SECRET)
                            .getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(auth)) {
                respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
                return;
            }
            Map<String, String> q = parseForm(new java.io.ByteArrayInputStream(
                    String.valueOf(exchange.getRequestURI().getRawQuery()).getBytes(StandardCharsets.UTF_8)));
            if (!"SMS".equals(q.get("product")) || !"outbound".equals(q.get("direction")) || q.get("to") == null
                    || !VonageStubResource.API_KEY.equals(q.get("account_id"))) {
                respond(exchange, 422, "{\"title\":\"Invalid parameters\"}");
                return;
            }
            if (recordsDownFor.contains(q.get("to"))) {
                respond(exchange, 503, "{\"title\":\"Service Unavailable\"}");
                return;
            }
            Instant from = Instant.parse(q.get("date_start"));
            Instant until = Instant.parse(q.get("date_end"));
            String records = received.getOrDefault(q.get("to"), List.of()).stream()
                    .filter(r -> !r.at().isBefore(from) && r.at().isBefore(until))
                    .map(r -> "{\"message_id\":\"" + r.messageId() + "\",\"client_ref\":\"" + r.clientRef()
                            + "\",\"to\":\"" + q.get("to") + "\",\"status\":\"delivered\",\"total_price\":\"0.00790000\"}")
                    .collect(java.util.stream.Collectors.joining(","));
            respond(exchange, 200, "{\"request_status\":\"SUCCESS\",\"records\":[" + records + "]}");
        }
    }

    private static String body(Submission s, String status, String messageId) {
        if ("0".equals(status)) {
            return "{\"message-count\":\"1\",\"messages\":[{\"to\":\"" + s.to() + "\",\"message-id\":\""
                    + messageId + "\",\"status\":\"0\",\"remaining-balance\":\"10.00\","
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
