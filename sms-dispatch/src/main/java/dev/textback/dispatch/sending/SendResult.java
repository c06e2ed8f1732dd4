package dev.textback.dispatch.sending;

import java.math.BigDecimal;
import java.util.List;

/** What happened when a text was submitted, as neutral facts. */
public sealed interface SendResult {

    /** The provider answered 2xx with a status per message part (a long text is split into parts). */
    record Answered(List<Part> parts) implements SendResult {
    }

    /** One part of the answer; {@code status} "0" is success, as in Vonage's SMS API. */
    record Part(String status, String messageId, BigDecimal price, String errorText) {
    }

    /**
     * The provider answered with a non-2xx HTTP status (0 when it could not be read).
     *
     * @param providerCode the provider's own error code (Messages API error type), null when none
     */
    record HttpError(int httpStatus, String detail, String providerCode) implements SendResult {
        public HttpError(int httpStatus, String detail) {
            this(httpStatus, detail, null);
        }
    }

    /** The request certainly did not leave (no connection, no credentials): safe to try again. */
    record NotSent(String detail) implements SendResult {
    }

    /** The request may have reached the provider but no usable answer came back (timeout, broken reply). */
    record Indeterminate(String detail) implements SendResult {
    }
}
