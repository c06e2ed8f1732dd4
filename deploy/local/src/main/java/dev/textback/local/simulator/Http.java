package dev.textback.local.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The few HTTP calls the simulator and the launcher make, with one retry policy for all of them. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Bearer token sent on calls to the services' internal {@code /api}; webhooks never carry it. */
    private static volatile String apiToken;

    private Http() {
    }

    public record Reply(int status, String body) {
    }

    /** The launcher signs an admin token at start; the simulator's /api calls use it from then on. */
    public static void useApiToken(String token) {
        apiToken = token;
    }

    public static Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public static Reply postJson(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Reply putJson(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Reply postForm(String url, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * Sends, retrying like a provider does when the answer is 5xx or the connection fails, so a
     * webhook that was not acknowledged is delivered again rather than lost.
     */
    private static Reply send(HttpRequest.Builder request) {
        String token = apiToken;
        HttpRequest probe = request.copy().build();
        if (token != null && probe.uri().getPath() != null && probe.uri().getPath().startsWith("/api/")) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.timeout(Duration.ofSeconds(15)).build();
        IOException last = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            try {
                HttpResponse<String> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 500) {
                    return new Reply(response.statusCode(), response.body());
                }
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(250L << Math.min(attempt, 4));
        }
        throw new IllegalStateException("no answer from " + built.uri(), last);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
