package dev.textback.ingest.routing;

/** Which business owns a called number, and the country its callers' local numbers are read in. */
public record BusinessRoute(String businessId, String country, boolean enabled) {
}
