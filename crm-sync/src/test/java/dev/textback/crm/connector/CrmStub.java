package dev.textback.crm.connector;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the HubSpot endpoints the connector uses (contacts search/create/update,
 * notes, deals create/update) and for a Zapier-style webhook receiver. It records every request and
 * answers like HubSpot does; {@code Bearer bad} gets a 401, and the first note is refused with a 503
 * so the retry path runs.
 */
final class CrmStub implements AutoCloseable {
    record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger notesToRefuse = new AtomicInteger(1);
    private final AtomicInteger ids = new AtomicInteger(500);
    private final HttpServer server;

    CrmStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> matching(Predicate<Request> p) {
        return requests.stream().filter(p).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        String body;
        try (InputStream in = x.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getPath();
        requests.add(new Request(method, path, Map.copyOf(x.getRequestHeaders()), body));
        if (path.startsWith("/hook")) {
            reply(x, 204, null);
            return;
        }
        if ("Bearer bad".equals(x.getRequestHeaders().getFirst("Authorization"))) {
            reply(x, 401, "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\"}");
            return;
        }
        if (method.equals("POST") && path.equals("/crm/v3/objects/contacts/search")) {
            reply(x, 200, "{\"total\":0,\"results\":[]}");
        } else if (method.equals("POST") && path.equals("/crm/v3/objects/notes")
                && notesToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(x, 503, "{\"status\":\"error\",\"message\":\"try again\"}");
        } else if (method.equals("POST") && path.startsWith("/crm/v3/objects/")) {
            reply(x, 201, "{\"id\":\"" + ids.incrementAndGet() + "\",\"properties\":{}}");
        } else if (method.equals("PATCH") && path.startsWith("/crm/v3/objects/")) {
            reply(x, 200, "{\"id\":\"" + path.substring(path.lastIndexOf('/') + 1) + "\",\"properties\":{}}");
        } else {
            reply(x, 404, "{\"status\":\"error\"}");
        }
    }

    private static void reply(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
