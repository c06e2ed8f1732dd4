package dev.textback.access;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signs RS256 bearer tokens the services accept: issuer, subject/upn, {@code groups} with one role,
 * {@code businesses} for business tokens, issued-at and expiry. Used by {@link TokenCli}, the local
 * stack and the tests; nothing in production signs with a key a service holds.
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
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .issuedAt(issuedAt)
                .expiresAt(now.plus(ttl));
        if (!businessIds.isEmpty()) {
            claims.claim(TokenClaims.BUSINESSES, List.copyOf(businessIds));
        }
        return claims.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(key);
    }
}
