package dev.textback.dispatch.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.http.conn.HttpHostConnectException;
import org.junit.jupiter.api.Test;

import com.vonage.client.VonageMethodFailedException;

class SendPolicyTest {
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private final SendPolicy policy = new SendPolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(5));

    private static SendResult answered(SendResult.Part... parts) {
        return new SendResult.Answered(List.of(parts));
    }

    private static SendResult.Part part(String status, String id, String price) {
        return new SendResult.Part(status, id, price == null ? null : new BigDecimal(price), null);
    }

    @Test
    void status0IsSentWithIdAndPrice() {
        SendDecision d = policy.decide(answered(part("0", "m-1", "0.00790000")), 1, NOW);
        assertEquals(new SendDecision.Sent("m-1", new BigDecimal("0.00790000"), null), d);
    }

    @Test
    void multipartPricesAddUpAndTheFirstIdIsKept() {
        SendDecision d = policy.decide(answered(part("0", "m-1", "0.0079"), part("0", "m-2", "0.0079")), 1, NOW);
        assertEquals(new SendDecision.Sent("m-1", new BigDecimal("0.0158"), null), d);
    }

    @Test
    void aPartlySentTextIsSentNeverRetried() {
        SendDecision d = policy.decide(answered(part("0", "m-1", "0.0079"), part("1", null, null)), 1, NOW);
        assertEquals(new SendDecision.Sent("m-1", new BigDecimal("0.0079"), "1"), d);
    }

    @Test
    void status1IsThrottledAndRetriedWithExponentialBackoff() {
        assertEquals(new SendDecision.Retry(NOW.plusSeconds(2), "1"), policy.decide(answered(part("1", null, null)), 1, NOW));
        assertEquals(new SendDecision.Retry(NOW.plusSeconds(4), "1"), policy.decide(answered(part("1", null, null)), 2, NOW));
        assertEquals(new SendDecision.Retry(NOW.plusSeconds(16), "1"), policy.decide(answered(part("1", null, null)), 4, NOW));
    }

    @Test
    void throttledOnTheLastAttemptFails() {
        assertEquals(new SendDecision.Failed("1"), policy.decide(answered(part("1", null, null)), 5, NOW));
    }

    @Test
    void backoffIsCapped() {
        SendPolicy longRun = new SendPolicy(50, Duration.ofSeconds(2), Duration.ofMinutes(5));
        assertEquals(Duration.ofMinutes(5), longRun.backoff(30));
    }

    @Test
    void anyOtherStatusFailsWithThatCode() {
        assertEquals(new SendDecision.Failed("6"), policy.decide(answered(part("6", null, null)), 1, NOW));
        assertEquals(new SendDecision.Failed("29"), policy.decide(answered(part("29", null, null)), 1, NOW));
        assertEquals(new SendDecision.Failed("2"), policy.decide(answered(part("2", null, null), part("1", null, null)), 1, NOW));
    }

    @Test
    void http5xxIsRetriedAnd4xxFails() {
        assertEquals(new SendDecision.Retry(NOW.plusSeconds(2), "http-503"),
                policy.decide(new SendResult.HttpError(503, "busy"), 1, NOW));
        assertEquals(new SendDecision.Failed("http-500"), policy.decide(new SendResult.HttpError(500, "x"), 5, NOW));
        assertEquals(new SendDecision.Failed("http-401"), policy.decide(new SendResult.HttpError(401, "x"), 1, NOW));
    }

    @Test
    void exceptionsAfterTheRequestMayHaveLeftAreUnknown() {
        assertInstanceOf(SendDecision.Unknown.class, policy.decide(new SendResult.Indeterminate("timeout"), 1, NOW));
        assertInstanceOf(SendDecision.Unknown.class, policy.decide(new SendResult.HttpError(0, "?"), 1, NOW));
        assertInstanceOf(SendDecision.Unknown.class, policy.decide(new SendResult.Answered(List.of()), 1, NOW));
        assertInstanceOf(SendDecision.Unknown.class, policy.decide(answered(part(null, null, null)), 1, NOW));
    }

    @Test
    void requestsThatNeverLeftAreRetried() {
        assertEquals(new SendDecision.Retry(NOW.plusSeconds(2), "not-sent"),
                policy.decide(new SendResult.NotSent("refused"), 1, NOW));
    }

    @Test
    void transportFailuresAreClassifiedByWhetherTheRequestLeft() {
        var refused = new VonageMethodFailedException("Failed to execute HTTP request",
                new HttpHostConnectException(new ConnectException("Connection refused"), null));
        assertInstanceOf(SendResult.NotSent.class, VonageSmsGateway.transportFailure(refused));
        var readTimeout = new VonageMethodFailedException("Failed to execute HTTP request",
                new SocketTimeoutException("Read timed out"));
        assertInstanceOf(SendResult.Indeterminate.class, VonageSmsGateway.transportFailure(readTimeout));
    }
}
