package dev.textback.dispatch.sending;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.apache.http.NameValuePair;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.entity.UrlEncodedFormEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.message.BasicNameValuePair;
import org.apache.http.util.EntityUtils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.dispatch.phone.PhoneNumbers;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends through Vonage's SMS API: {@code POST {base-url}/sms/json}, form-encoded, API key and secret
 * in a Basic {@code Authorization} header, answered with HTTP 200 and a string-typed status per
 * message part, exactly what the Vonage Java SDK's {@code SmsClient.submitMessage} sends and reads.
 * Not through the SDK: it builds a new Jackson {@code ObjectMapper} (and all its deserializers) for
 * every answer it parses, which cost more CPU than everything else in a send; this parses with the
 * application's shared mapper. Blocking: called from the sender's worker threads.
 */
@ApplicationScoped
public class VonageSmsGateway implements SmsGateway {
    private static final Logger LOG = Logger.getLogger(VonageSmsGateway.class);

    @ConfigProperty(name = "textback.vonage.base-url")
    String baseUrl;
    /** Optional, so the service starts without credentials (texts then wait and fail after the retries). */
    @ConfigProperty(name = "textback.vonage.api-key")
    Optional<String> apiKeyValue;
    @ConfigProperty(name = "textback.vonage.api-secret")
    Optional<String> apiSecretValue;
    @ConfigProperty(name = "textback.vonage.timeout-millis", defaultValue = "5000")
    int timeoutMillis;
    /** One pooled connection per sender worker (and room to spare), so no worker waits for a connection. */
    @ConfigProperty(name = "textback.sending.concurrency", defaultValue = "8")
    int concurrency;
    @Inject
    ObjectMapper mapper;

    private CloseableHttpClient http;
    private String submitUrl;
    private String authorization;

    @Override
    public SendResult send(SmsRequest request) {
        try {
            client();
        } catch (RuntimeException e) {
            return new SendResult.NotSent("no Vonage client: " + e.getMessage());
        }
        HttpPost post = new HttpPost(submitUrl);
        post.setHeader("Authorization", authorization);
        post.setHeader("Accept", "application/json");
        List<NameValuePair> form = new ArrayList<>(6);
        form.add(new BasicNameValuePair("from", PhoneNumbers.withoutPlus(request.from())));
        form.add(new BasicNameValuePair("to", PhoneNumbers.withoutPlus(request.to())));
        form.add(new BasicNameValuePair("type", request.unicode() ? "unicode" : "text"));
        form.add(new BasicNameValuePair("text", request.text()));
        form.add(new BasicNameValuePair("client-ref", request.clientRef()));
        post.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
        try (CloseableHttpResponse response = http.execute(post)) {
            int status = response.getStatusLine().getStatusCode();
            String body = response.getEntity() == null ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (status < 200 || status >= 300) {
                return new SendResult.HttpError(status, "HTTP " + status + ": " + abbreviate(body));
            }
            return answered(mapper.readTree(body));
        } catch (JsonProcessingException e) {
            return new SendResult.Indeterminate("unreadable answer: " + e.getOriginalMessage());
        } catch (IOException e) {
            return transportFailure(e);
        } catch (RuntimeException e) {
            LOG.warnf("unexpected failure sending text %s: %s", request.clientRef(), e.toString());
            return new SendResult.Indeterminate(e.toString());
        }
    }

    /** {"message-count":"1","messages":[{"status":"0","message-id":"..","message-price":"0.0079",..}]} */
    static SendResult answered(JsonNode root) {
        JsonNode messages = root == null ? null : root.get("messages");
        if (messages == null || !messages.isArray()) {
            return new SendResult.Indeterminate("empty answer");
        }
        List<SendResult.Part> parts = new ArrayList<>(messages.size());
        for (JsonNode m : messages) {
            parts.add(new SendResult.Part(text(m, "status"), text(m, "message-id"), price(text(m, "message-price")),
                    text(m, "error-text")));
        }
        return new SendResult.Answered(parts);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText().strip();
    }

    private static BigDecimal price(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null; // a price we cannot read does not make the text less sent
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    /**
     * Failures before the request could leave (connection refused, unknown host, connect timeout,
     * no pooled connection in time) are safe to retry; a failure after it may have left (read
     * timeout, reset) is not.
     */
    static SendResult transportFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return new SendResult.NotSent(t.toString());
            }
        }
        return new SendResult.Indeterminate(e.getCause() == null ? e.toString() : e.getCause().toString());
    }

    private synchronized void client() {
        if (http == null) {
            if (apiKeyValue.orElse("").isBlank() || apiSecretValue.orElse("").isBlank()) {
                throw new IllegalStateException("textback.vonage.api-key and api-secret are not set");
            }
            authorization = "Basic " + Base64.getEncoder().encodeToString(
                    (apiKeyValue.get() + ":" + apiSecretValue.get()).getBytes(StandardCharsets.UTF_8));
            submitUrl = baseUrl.replaceAll("/+$", "") + "/sms/json";
            http = httpClient();
        }
    }

    /**
     * Like the SDK's own client (same timeouts, no redirects). Apache's default retry handler only
     * retries requests that were not sent, so no POST is repeated.
     */
    private CloseableHttpClient httpClient() {
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectTimeout(timeoutMillis)
                .setConnectionRequestTimeout(timeoutMillis)
                .setSocketTimeout(timeoutMillis)
                .build();
        int connections = Math.max(20, 2 * concurrency);
        return HttpClientBuilder.create()
                .setDefaultRequestConfig(timeouts)
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .useSystemProperties()
                .disableRedirectHandling()
                .build();
    }

    @PreDestroy
    synchronized void close() {
        if (http != null) {
            try {
                http.close();
            } catch (IOException e) {
                LOG.debug("closing the Vonage HTTP client", e);
            }
        }
    }
}
