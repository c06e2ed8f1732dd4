package dev.textback.dispatch.sending;

import java.io.IOException;
import java.util.List;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.VonageMethodFailedException;
import com.vonage.client.VonageResponseParseException;
import com.vonage.client.messages.MessageResponse;
import com.vonage.client.messages.MessageResponseException;
import com.vonage.client.messages.MessagesClient;
import com.vonage.client.messages.sms.EncodingType;
import com.vonage.client.messages.sms.SmsTextRequest;

import dev.textback.dispatch.phone.PhoneNumbers;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends through Vonage's Messages API ({@code POST /v1/messages}, JSON, 202 with a message_uuid) with
 * the Vonage SDK, chosen by {@code textback.vonage.api=messages}. Authenticates with the application's
 * JWT when an application id and private key are configured, else with the API key and secret.
 * Throttling is HTTP 429 here; errors carry a type URL whose last part is Vonage's code.
 */
@ApplicationScoped
public class VonageMessagesGateway implements SmsGateway {
    private static final Logger LOG = Logger.getLogger(VonageMessagesGateway.class);

    @ConfigProperty(name = "textback.vonage.base-url")
    String baseUrl;
    /** Optional, so the service starts without credentials (texts then wait and fail after the retries). */
    @ConfigProperty(name = "textback.vonage.api-key")
    java.util.Optional<String> apiKeyValue;
    @ConfigProperty(name = "textback.vonage.api-secret")
    java.util.Optional<String> apiSecretValue;
    @ConfigProperty(name = "textback.vonage.application-id")
    java.util.Optional<String> applicationId;
    @ConfigProperty(name = "textback.vonage.private-key-path")
    java.util.Optional<String> privateKeyPath;
    @ConfigProperty(name = "textback.vonage.timeout-millis", defaultValue = "5000")
    int timeoutMillis;

    private CloseableHttpClient http;
    private MessagesClient messages;

    @Override
    public SendResult send(SmsRequest request) {
        MessagesClient client;
        try {
            client = client();
        } catch (RuntimeException e) {
            return new SendResult.NotSent("no Vonage client: " + e.getMessage());
        }
        SmsTextRequest message = SmsTextRequest.builder()
                .from(PhoneNumbers.withoutPlus(request.from()))
                .to(PhoneNumbers.withoutPlus(request.to()))
                .text(request.text())
                .encodingType(request.unicode() ? EncodingType.UNICODE : EncodingType.TEXT)
                .clientRef(request.clientRef())
                .build();
        try {
            MessageResponse response = client.sendMessage(message);
            if (response == null || response.getMessageUuid() == null) {
                return new SendResult.Indeterminate("no message_uuid in the answer");
            }
            return new SendResult.Answered(List.of(
                    new SendResult.Part(SendPolicy.OK, response.getMessageUuid().toString(), null, null)));
        } catch (MessageResponseException e) {
            return new SendResult.HttpError(e.getStatusCode(), e.getTitle(), code(e));
        } catch (VonageResponseParseException e) {
            return new SendResult.Indeterminate("unreadable answer: " + e.getMessage());
        } catch (VonageMethodFailedException e) {
            return VonageSmsGateway.transportFailure(e);
        } catch (RuntimeException e) {
            LOG.warnf("unexpected failure sending text %s: %s", request.clientRef(), e.toString());
            return new SendResult.Indeterminate(e.toString());
        }
    }

    /** "https://developer.vonage.com/api-errors/messages#1120" -> "1120"; the HTTP status when there is no type. */
    static String code(MessageResponseException e) {
        if (e.getType() == null) {
            return "http-" + e.getStatusCode();
        }
        String type = e.getType().toString();
        int cut = Math.max(type.lastIndexOf('#'), type.lastIndexOf('/'));
        return cut >= 0 && cut < type.length() - 1 ? type.substring(cut + 1) : type;
    }

    private synchronized MessagesClient client() {
        if (messages == null) {
            VonageClient.Builder builder = VonageClient.builder();
            boolean application = applicationId.isPresent() && privateKeyPath.isPresent();
            if (application) {
                builder.applicationId(applicationId.get()).privateKeyPath(privateKeyPath.get());
            }
            if (!apiKeyValue.orElse("").isBlank() && !apiSecretValue.orElse("").isBlank()) {
                builder.apiKey(apiKeyValue.get()).apiSecret(apiSecretValue.get());
            } else if (!application) {
                throw new IllegalStateException("set textback.vonage.api-key/api-secret or application-id/private-key-path");
            }
            http = httpClient();
            messages = builder
                    .httpConfig(HttpConfig.builder().baseUri(baseUrl).timeoutMillis(timeoutMillis).build())
                    .httpClient(http)
                    .build()
                    .getMessagesClient();
        }
        return messages;
    }

    /** Like the SDK's own client: same timeouts, no redirects; Apache retries only requests never sent. */
    private CloseableHttpClient httpClient() {
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectTimeout(timeoutMillis)
                .setConnectionRequestTimeout(timeoutMillis)
                .setSocketTimeout(timeoutMillis)
                .build();
        return HttpClientBuilder.create()
                .setDefaultRequestConfig(timeouts)
                .setMaxConnTotal(20)
                .setMaxConnPerRoute(20)
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
