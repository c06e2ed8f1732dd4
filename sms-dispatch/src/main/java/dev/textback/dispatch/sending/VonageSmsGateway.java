package dev.textback.dispatch.sending;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.http.HttpResponseInterceptor;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageApiResponseException;
import com.vonage.client.VonageClient;
import com.vonage.client.VonageMethodFailedException;
import com.vonage.client.VonageResponseParseException;
import com.vonage.client.sms.SmsClient;
import com.vonage.client.sms.SmsSubmissionResponse;
import com.vonage.client.sms.SmsSubmissionResponseMessage;
import com.vonage.client.sms.messages.TextMessage;

import dev.textback.dispatch.phone.PhoneNumbers;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends through Vonage's SMS API with the Vonage Java SDK (blocking: called from the sender's
 * worker thread). The SDK reports an HTTP error status only inside an exception message, so the
 * HTTP client it uses records the status of the last response on the calling thread.
 */
@ApplicationScoped
public class VonageSmsGateway implements SmsGateway {
    private static final Logger LOG = Logger.getLogger(VonageSmsGateway.class);
    private static final ThreadLocal<Integer> LAST_HTTP_STATUS = new ThreadLocal<>();

    @ConfigProperty(name = "textback.vonage.base-url")
    String baseUrl;
    /** Optional, so the service starts without credentials (texts then wait and fail after the retries). */
    @ConfigProperty(name = "textback.vonage.api-key")
    Optional<String> apiKeyValue;
    @ConfigProperty(name = "textback.vonage.api-secret")
    Optional<String> apiSecretValue;
    @ConfigProperty(name = "textback.vonage.timeout-millis", defaultValue = "5000")
    int timeoutMillis;

    private CloseableHttpClient http;
    private SmsClient sms;

    @Override
    public SendResult send(SmsRequest request) {
        SmsClient client;
        try {
            client = client();
        } catch (RuntimeException e) {
            return new SendResult.NotSent("no Vonage client: " + e.getMessage());
        }
        TextMessage message = new TextMessage(PhoneNumbers.withoutPlus(request.from()),
                PhoneNumbers.withoutPlus(request.to()), request.text(), request.unicode());
        message.setClientReference(request.clientRef());
        LAST_HTTP_STATUS.remove();
        try {
            return answered(client.submitMessage(message));
        } catch (VonageApiResponseException e) {
            Integer status = LAST_HTTP_STATUS.get();
            return new SendResult.HttpError(status == null ? 0 : status, e.getMessage());
        } catch (VonageResponseParseException e) {
            return new SendResult.Indeterminate("unreadable answer: " + e.getMessage());
        } catch (VonageMethodFailedException e) {
            return transportFailure(e);
        } catch (RuntimeException e) {
            LOG.warnf("unexpected failure sending text %s: %s", request.clientRef(), e.toString());
            return new SendResult.Indeterminate(e.toString());
        } finally {
            LAST_HTTP_STATUS.remove();
        }
    }

    private static SendResult answered(SmsSubmissionResponse response) {
        if (response == null || response.getMessages() == null) {
            return new SendResult.Indeterminate("empty answer");
        }
        List<SendResult.Part> parts = new ArrayList<>();
        for (SmsSubmissionResponseMessage m : response.getMessages()) {
            String status = m.getStatus() == null ? null : String.valueOf(m.getStatus().getMessageStatus());
            parts.add(new SendResult.Part(status, m.getId(), m.getMessagePrice(), m.getErrorText()));
        }
        return new SendResult.Answered(parts);
    }

    /**
     * Failures before the request could leave (connection refused, unknown host, connect timeout)
     * are safe to retry; a failure after it may have left (read timeout, reset) is not.
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

    private synchronized SmsClient client() {
        if (sms == null) {
            if (apiKeyValue.orElse("").isBlank() || apiSecretValue.orElse("").isBlank()) {
                throw new IllegalStateException("textback.vonage.api-key and api-secret are not set");
            }
            http = httpClient();
            sms = VonageClient.builder()
                    .apiKey(apiKeyValue.get())
                    .apiSecret(apiSecretValue.get())
                    .httpConfig(HttpConfig.builder().baseUri(baseUrl).timeoutMillis(timeoutMillis).build())
                    .httpClient(http)
                    .build()
                    .getSmsClient();
        }
        return sms;
    }

    /**
     * Like the SDK's own client (same timeouts, no redirects), plus the status recorder. Apache's
     * default retry handler only retries requests that were not sent, so no POST is repeated.
     */
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
                .addInterceptorLast((HttpResponseInterceptor) (response, context) -> LAST_HTTP_STATUS
                        .set(response.getStatusLine().getStatusCode()))
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
