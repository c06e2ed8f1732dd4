package dev.textback.ingest.routing;

/**
 * Which business owns a called number, and what call handling needs to know about it.
 *
 * @param country            ISO country whose numbering plan reads its callers' local numbers
 * @param forwardTo          the business's own phone that our answer webhook rings, null when calls
 *                           are not forwarded through Textback
 * @param ringTimeoutSeconds how long that phone rings before the call counts as missed
 */
public record BusinessRoute(String businessId, String country, boolean enabled, String forwardTo,
        int ringTimeoutSeconds) {

    public boolean forwards() {
        return forwardTo != null && !forwardTo.isBlank();
    }
}
