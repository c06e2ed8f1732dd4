package dev.textback.access;

/**
 * The two roles a token can carry (in its {@code groups} claim). There is deliberately nothing in
 * between: an operator is {@link #ADMIN}, a business's own user or integration is {@link #BUSINESS}
 * and sees only the businesses named in {@link TokenClaims#BUSINESSES}.
 */
public final class Roles {
    /** Everything, every business. Operators, the local stack, back-office jobs. */
    public static final String ADMIN = "admin";
    /** Only the businesses listed in the token's {@code businesses} claim. */
    public static final String BUSINESS = "business";

    private Roles() {
    }
}
