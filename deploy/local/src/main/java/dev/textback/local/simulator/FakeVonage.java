package dev.textback.local.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Vonage's SMS API as seen by the SDK: {@code POST /sms/json}, form-encoded, answered with HTTP 200
 * and string-typed fields, like the real one. Each accepted message is handed to the simulation,
 * which decides its delivery, reply and booking.
 */
public final class FakeVonage implements AutoCloseable {
    /** What the simulation answers for one submitted message. */
    public interface Handler {
        Accepted onSubmit(String from, String to, String text, String clientRef);
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

    public FakeVonage(int port, Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/sms/json", exchange -> handle(exchange, handler));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, Handler handler) throws IOException {
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
            respond(exchange, 200, messages(to, accepted));
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
