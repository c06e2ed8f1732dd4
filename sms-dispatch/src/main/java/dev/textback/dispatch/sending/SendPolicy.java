package dev.textback.dispatch.sending;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns a submission result into a decision, following Vonage's SMS API: status "0" accepted,
 * "1" throttled (temporary), any other status a refusal; HTTP 5xx and "never left" are retried
 * with exponential backoff up to a maximum number of attempts; anything that may have reached the
 * provider without a readable answer is UNKNOWN, because resending could text the caller twice.
 */
public final class SendPolicy {
    static final String OK = "0";
    static final String THROTTLED = "1";

    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration backoffMax;

    public SendPolicy(int maxAttempts, Duration backoffBase, Duration backoffMax) {
        this.maxAttempts = maxAttempts;
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
    }

    /**
     * @param attempts submission attempts so far, including this one
     */
    public SendDecision decide(SendResult result, int attempts, Instant now) {
        if (result instanceof SendResult.Answered a) {
            return answered(a, attempts, now);
        }
        if (result instanceof SendResult.HttpError h) {
            if (h.httpStatus() >= 500 || h.httpStatus() == 429) {
                // server trouble, or the Messages API's throttling (the SMS API says status 1 in a 200)
                return retry("http-" + h.httpStatus(), attempts, now);
            }
            if (h.httpStatus() >= 400) {
                return new SendDecision.Failed(h.providerCode() != null ? h.providerCode() : "http-" + h.httpStatus());
            }
            return new SendDecision.Unknown("http-" + h.httpStatus());
        }
        if (result instanceof SendResult.NotSent) {
            return retry("not-sent", attempts, now);
        }
        return new SendDecision.Unknown("no-answer");
    }

    private SendDecision answered(SendResult.Answered a, int attempts, Instant now) {
        if (a.parts() == null || a.parts().isEmpty()) {
            return new SendDecision.Unknown("empty-answer");
        }
        String messageId = null;
        BigDecimal price = null;
        String firstError = null;
        boolean allThrottled = true;
        for (SendResult.Part p : a.parts()) {
            if (OK.equals(p.status())) {
                if (messageId == null) {
                    messageId = p.messageId();
                }
                if (p.price() != null) {
                    price = price == null ? p.price() : price.add(p.price());
                }
            } else {
                if (p.status() == null) {
                    return new SendDecision.Unknown("unreadable-status");
                }
                if (firstError == null) {
                    firstError = p.status();
                }
                allThrottled &= THROTTLED.equals(p.status());
            }
        }
        if (messageId != null) {
            // at least one part went out: the caller may already have (part of) it, never send again
            return new SendDecision.Sent(messageId, price, firstError);
        }
        return allThrottled ? retry(THROTTLED, attempts, now) : new SendDecision.Failed(firstError);
    }

    private SendDecision retry(String errorCode, int attempts, Instant now) {
        if (attempts >= maxAttempts) {
            return new SendDecision.Failed(errorCode);
        }
        return new SendDecision.Retry(now.plus(backoff(attempts)), errorCode);
    }

    /** base, 2 x base, 4 x base, ... capped. */
    Duration backoff(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 20));
        Duration d = backoffBase.multipliedBy(1L << doublings);
        return d.compareTo(backoffMax) > 0 ? backoffMax : d;
    }
}
