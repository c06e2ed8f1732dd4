package dev.textback.access;

/** Claim names and defaults shared by the issuer and every verifying service. */
public final class TokenClaims {
    /** JSON array of business ids a {@link Roles#BUSINESS} token may see. Ignored for admins. */
    public static final String BUSINESSES = "businesses";
    /**
     * Issuer written by {@link TokenIssuer} and required by the services
     * ({@code mp.jwt.verify.issuer=${TEXTBACK_JWT_ISSUER:https://textback.dev}}).
     */
    public static final String DEFAULT_ISSUER = "https://textback.dev";
    /** Environment variable that overrides the issuer on both sides. */
    public static final String ISSUER_ENV = "TEXTBACK_JWT_ISSUER";

    private TokenClaims() {
    }

    public static String issuer() {
        String fromEnv = System.getenv(ISSUER_ENV);
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_ISSUER : fromEnv;
    }
}
