package dev.textback.crm.connector;

/**
 * One business's settings for one connector.
 *
 * @param url    webhook connector: where to POST; HubSpot: unused (the base URL is per deployment)
 * @param token  HubSpot: the private app access token of the business's HubSpot account
 * @param secret webhook connector: the HMAC secret the receiver verifies {@code X-Textback-Signature} with
 */
public record ConnectorSettings(String businessId, String connector, boolean enabled, String url, String token,
        String secret) {
}
