package dev.textback.access;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs RS256 bearer tokens the services accept (smallrye-jwt verifies them): issuer, subject and
 * upn, {@code groups} with one role, {@code businesses} for business tokens, issued-at, expiry and a
 * unique id. Used by {@link TokenCli}, the local stack and the tests; no service holds a private key.
 * Plain jose4j, so it runs on a classpath without Quarkus or MicroProfile Config.
 */
public final class TokenIssuer {
    private final PrivateKey key;
    private final String issuer;
    private final Clock clock;

    public TokenIssuer(PrivateKey key, String issuer) {
        this(key, issuer, Clock.systemUTC());
    }

    public TokenIssuer(PrivateKey key, String issuer, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.clock = clock;
    }

    public String admin(String subject, Duration ttl) {
        return sign(subject, Roles.ADMIN, List.of(), ttl);
    }

    public String business(String subject, Collection<String> businessIds, Duration ttl) {
        if (businessIds.isEmpty()) {
            throw new IllegalArgumentException("a business token names at least one business");
        }
        return sign(subject, Roles.BUSINESS, businessIds, ttl);
    }

    /**
     * Any role and lifetime; a negative {@code ttl} gives a token that expired {@code -ttl} ago
     * (tests prove those are refused).
     */
    public String sign(String subject, String role, Collection<String> businessIds, Duration ttl) {
        Instant now = clock.instant();
        Instant issuedAt = ttl.isNegative() ? now.plus(ttl).minus(Duration.ofMinutes(5)) : now;
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", List.of(role));
        if (!businessIds.isEmpty()) {
            claims.setStringListClaim(TokenClaims.BUSINESSES, List.copyOf(businessIds));
        }
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(ttl).getEpochSecond()));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign the token", e);
        }
    }
}
