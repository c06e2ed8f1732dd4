package dev.textback.dispatch.unknown;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.dispatch.phone.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The provider's own record of the SMS it received, from Vonage's Reports API (synchronous records,
 * {@code GET /v2/reports/records}, product SMS, outbound). The Vonage SDK has no client for it, so
 * this is a plain JDK HTTP call with the account's key and secret (basic auth). A record's
 * {@code client_ref} is our text's id.
 */
@ApplicationScoped
public class ProviderRecords {
    /** One page at most this many times: a recipient gets a few texts an hour, never pages of them. */
    private static final int MAX_PAGES = 10;

    /** The provider's record of one submission it received, with its status (delivered, rejected, ...). */
    public record Received(String clientRef, String messageId, BigDecimal price, String status) {
    }

    /** The records could not be read (not configured, refused, unreachable, unreadable): decide nothing. */
    public static class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    @ConfigProperty(name = "textback.vonage.reports-url")
    String reportsUrl;
    @ConfigProperty(name = "textback.vonage.api-key")
    Optional<String> apiKey;
    @ConfigProperty(name = "textback.vonage.api-secret")
    Optional<String> apiSecret;
    @ConfigProperty(name = "textback.vonage.timeout-millis", defaultValue = "5000")
    int timeoutMillis;
    @Inject
    ObjectMapper json;

    private volatile HttpClient http;

    /** Every SMS the provider received for this recipient in [from, until), whoever sent it. */
    public List<Received> receivedFor(String recipient, Instant from, Instant until) throws Unavailable {
        if (apiKey.orElse("").isBlank() || apiSecret.orElse("").isBlank()) {
            throw new Unavailable("textback.vonage.api-key and api-secret are not set");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("account_id", apiKey.get());
        query.put("product", "SMS");
        query.put("direction", "outbound");
        query.put("to", PhoneNumbers.withoutPlus(recipient));
        query.put("date_start", from.truncatedTo(ChronoUnit.MILLIS).toString());
        query.put("date_end", until.truncatedTo(ChronoUnit.MILLIS).toString());
        URI next = URI.create(reportsUrl.replaceAll("/+$", "") + "/v2/reports/records?" + form(query));
        List<Received> received = new ArrayList<>();
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw new Unavailable("more than " + MAX_PAGES + " pages of records for one recipient");
            }
            JsonNode body = get(next);
            for (JsonNode r : body.path("records")) {
                received.add(new Received(text(r, "client_ref"), text(r, "message_id"), price(text(r, "total_price")),
                        text(r, "status")));
            }
            String href = text(body.path("_links").path("next"), "href");
            next = href == null ? null : URI.create(reportsUrl).resolve(href);
        }
        return received;
    }

    private JsonNode get(URI uri) throws Unavailable {
        String credentials = Base64.getEncoder()
                .encodeToString((apiKey.get() + ":" + apiSecret.get()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(timeoutMillis))
                .header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("reports API unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("reports API answered HTTP " + response.statusCode());
        }
        try {
            JsonNode body = json.readTree(response.body());
            if (!body.path("records").isArray()) {
                throw new Unavailable("reports API answer has no records array");
            }
            return body;
        } catch (IOException e) {
            throw new Unavailable("reports API answer unreadable: " + e.getMessage());
        }
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeoutMillis))
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                }
                c = http;
            }
        }
        return c;
    }

    private static String form(Map<String, String> query) {
        return query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static BigDecimal price(String value) {
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
