package dev.textback.local.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Vonage's SMS API as seen by the SDK: {@code POST /sms/json}, form-encoded, answered with HTTP 200
 * and string-typed fields, like the real one. Each accepted message is handed to the simulation,
 * which decides its delivery, reply and booking. Every accepted message is also kept as a record
 * of the Reports API ({@code GET /v2/reports/records}, by recipient and time), which sms-dispatch
 * asks about texts whose outcome it never learned.
 */
public final class FakeVonage implements AutoCloseable {
    /** What the simulation answers for one submitted message. */
    public interface Handler {
        Accepted onSubmit(String from, String to, String text, String clientRef);

        /** The provider's clock, which stamps the records (the simulation's, when time is simulated). */
        default Instant now() {
            return Instant.now();
        }
    }

    /** The Reports API's record of one accepted SMS. */
    private record Received(String clientRef, String messageId, String price, Instant at) {
    }

    public record Accepted(String messageId, String price, String status, String errorText) {
    }

    static {
        // The JDK server writes the response headers and the body in two packets; with Nagle on, the
        // body waits for the client's delayed ACK (about 40 ms), which capped each client connection
        // at about 20 submissions a second. Read once, when the first HttpServer of the JVM starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final Handler handler;
    /** By recipient (digits only, as the SMS API takes it). */
    private final Map<String, Queue<Received>> received = new ConcurrentHashMap<>();
    private final AtomicInteger recordQueries = new AtomicInteger();
    /** When the records of a recipient were first asked for ({@link System#nanoTime()}). */
    private final Map<String, Long> firstQueryNanos = new ConcurrentHashMap<>();

    public FakeVonage(int port, Handler handler) throws IOException {
        this.handler = handler;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/sms/json", this::handle);
        server.createContext("/v2/reports/records", this::handleRecords);
        server.start();
    }

    /** How often the Reports API was asked. */
    public int recordQueries() {
        return recordQueries.get();
    }

    /** When the records of this recipient (digits only) were first asked for, in {@link System#nanoTime()}. */
    public OptionalLong firstRecordsQueryNanos(String to) {
        Long nanos = firstQueryNanos.get(to);
        return nanos == null ? OptionalLong.empty() : OptionalLong.of(nanos);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{\"error\":\"method\"}");
                return;
            }
            Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            String from = form.get("from");
            String to = form.get("to");
            String text = form.get("text");
            if (from == null || to == null || text == null) {
                respond(exchange, 200, messages(to, new Accepted(null, null, "2", "Missing from, to or text")));
                return;
            }
            Accepted accepted = handler.onSubmit(from, to, text, form.get("client-ref"));
            if ("0".equals(accepted.status())) {
                received.computeIfAbsent(to, k -> new ConcurrentLinkedQueue<>())
                        .add(new Received(form.get("client-ref"), accepted.messageId(), accepted.price(), handler.now()));
            }
            respond(exchange, 200, messages(to, accepted));
        }
    }

    /**
     * Synchronous records of SMS sent: {@code product=SMS&direction=outbound&to=...}, with
     * {@code date_start <= received < date_end} (ISO-8601). Any basic-auth credentials pass.
     */
    private void handleRecords(HttpExchange exchange) throws IOException {
        try (exchange) {
            recordQueries.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Basic ")) {
                respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
                return;
            }
            Map<String, String> q = parseForm(String.valueOf(exchange.getRequestURI().getRawQuery()));
            Instant from;
            Instant until;
            try {
                from = Instant.parse(q.get("date_start"));
                until = Instant.parse(q.get("date_end"));
            } catch (RuntimeException e) {
                respond(exchange, 422, "{\"title\":\"Invalid date range\"}");
                return;
            }
            if (!"SMS".equals(q.get("product")) || !"outbound".equals(q.get("direction")) || q.get("to") == null) {
                respond(exchange, 422, "{\"title\":\"Invalid parameters\"}");
                return;
            }
            firstQueryNanos.putIfAbsent(q.get("to"), System.nanoTime());
            StringBuilder records = new StringBuilder();
            for (Received r : received.getOrDefault(q.get("to"), new ConcurrentLinkedQueue<>())) {
                if (r.at().isBefore(from) || !r.at().isBefore(until)) {
                    continue;
                }
                records.append(records.isEmpty() ? "" : ",").append("{\"message_id\":\"").append(r.messageId())
                        .append("\",\"client_ref\":\"").append(r.clientRef() == null ? "" : r.clientRef())
                        .append("\",\"to\":\"").append(q.get("to")).append("\",\"total_price\":\"")
                        .append(r.price()).append("\",\"date_received\":\"").append(r.at()).append("\"}");
            }
            respond(exchange, 200, "{\"request_status\":\"SUCCESS\",\"records\":[" + records + "]}");
        }
    }

    private static String messages(String to, Accepted a) {
        StringBuilder m = new StringBuilder("{\"to\":\"").append(to == null ? "" : to).append("\",\"status\":\"")
                .append(a.status()).append('"');
        if (a.messageId() != null) {
            m.append(",\"message-id\":\"").append(a.messageId()).append('"')
                    .append(",\"remaining-balance\":\"9.50000000\",\"message-price\":\"").append(a.price())
                    .append("\",\"network\":\"310004\"");
        }
        if (a.errorText() != null) {
            m.append(",\"error-text\":\"").append(a.errorText()).append('"');
        }
        m.append('}');
        return "{\"message-count\":\"1\",\"messages\":[" + m + "]}";
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
