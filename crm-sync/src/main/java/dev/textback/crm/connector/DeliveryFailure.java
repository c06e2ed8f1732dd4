package dev.textback.crm.connector;

/** A delivery did not go through; {@code permanent} ones (a 4xx other than 408/429) are not retried. */
public class DeliveryFailure extends Exception {
    private final boolean permanent;

    public DeliveryFailure(String message, boolean permanent) {
        super(message, null, false, false);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }

    /** HTTP status to failure: 408, 429 and 5xx are worth retrying; other 4xx will fail the same way again. */
    public static DeliveryFailure ofStatus(String what, int status, String body) {
        boolean retryable = status == 408 || status == 429 || status >= 500;
        String excerpt = body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body;
        return new DeliveryFailure(what + " answered HTTP " + status + ": " + excerpt, !retryable);
    }
}
