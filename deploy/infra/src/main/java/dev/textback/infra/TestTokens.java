package dev.textback.infra;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.textback.access.KeyPairs;
import dev.textback.access.Roles;
import dev.textback.access.TokenClaims;
import dev.textback.access.TokenIssuer;

/**
 * Bearer tokens for tests, signed with this JVM's {@link TestKeys}: valid ones for each role, and
 * the invalid kinds every service must refuse with 401. Every {@code @QuarkusTest} already sends
 * {@link #admin()} on /api calls through REST Assured ({@link DefaultAdminToken}); a test that wants
 * another identity says {@code given().auth().oauth2(TestTokens.business(id))}.
 */
public final class TestTokens {
    private static final Duration TTL = Duration.ofHours(2);
    private static TokenIssuer issuer;
    private static TokenIssuer forger;
    private static String admin;
    private static Instant adminExpires = Instant.EPOCH;

    private TestTokens() {
    }

    /** Role admin: every business, every operation. Cached for the JVM (valid two hours). */
    public static synchronized String admin() {
        if (Instant.now().isAfter(adminExpires)) {
            admin = issuer().admin("test-admin", TTL);
            adminExpires = Instant.now().plus(TTL).minus(Duration.ofMinutes(10));
        }
        return admin;
    }

    /** Role business, seeing only the given businesses. */
    public static String business(String... businessIds) {
        return issuer().business("test-business", Arrays.asList(businessIds), TTL);
    }

    /** Correctly signed admin token that expired ten minutes ago (beyond any clock skew). */
    public static String expired() {
        return issuer().sign("test-admin", Roles.ADMIN, List.of(), Duration.ofMinutes(-10));
    }

    /** Admin token signed with a key the services do not know. */
    public static String forged() {
        return forger().admin("mallory", TTL);
    }

    /** Correctly signed admin token from another issuer. */
    public static String wrongIssuer() {
        return new TokenIssuer(privateKey(), "https://issuer.invalid").admin("test-admin", TTL);
    }

    /** Correctly signed token with a role Textback does not know: authenticated but forbidden (403). */
    public static String noRole() {
        return issuer().sign("test-viewer", "viewer", List.of(), TTL);
    }

    private static synchronized TokenIssuer issuer() {
        if (issuer == null) {
            issuer = new TokenIssuer(privateKey(), TokenClaims.issuer());
        }
        return issuer;
    }

    private static synchronized TokenIssuer forger() {
        if (forger == null) {
            forger = new TokenIssuer(KeyPairs.generate().getPrivate(), TokenClaims.issuer());
        }
        return forger;
    }

    private static PrivateKey privateKey() {
        return KeyPairs.readPrivate(TestKeys.privateKey());
    }
}
