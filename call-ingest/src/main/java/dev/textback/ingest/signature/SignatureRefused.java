package dev.textback.ingest.signature;

import dev.textback.ingest.web.Problem;

/**
 * A webhook whose signature is missing, forged, stale or replayed, where a secret is configured.
 * Answered 401 with a problem body; nothing is published.
 *
 * @param reason a short, stable slug (counted in metrics): missing, malformed, forged, stale,
 *               replayed, body-hash, not-configured
 */
public class SignatureRefused extends RuntimeException {
    private final String provider;
    private final String reason;

    public SignatureRefused(String provider, String reason, String detail) {
        super(detail, null, false, false);
        this.provider = provider;
        this.reason = reason;
    }

    public String provider() {
        return provider;
    }

    public String reason() {
        return reason;
    }

    /** The answer, the same from the REST mapper and from the Vert.x route (which also count it). */
    public Problem problem() {
        return Problem.of(401, "invalid-signature", "Webhook signature refused", getMessage(), null);
    }
}
