package dev.textback.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reads a {@link TokenScope} from a verified identity. */
public final class TokenScopes {
    private TokenScopes() {
    }

    public static TokenScope of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return TokenScope.NONE;
        }
        if (identity.hasRole(Roles.ADMIN)) {
            return TokenScope.everything();
        }
        if (identity.hasRole(Roles.BUSINESS) && identity.getPrincipal() instanceof JsonWebToken jwt) {
            return TokenScope.of(businesses(jwt.getClaim(TokenClaims.BUSINESSES)));
        }
        return TokenScope.NONE;
    }

    /** The claim arrives as a JSON array (smallrye-jwt), a collection, or, from hand-made tokens, a string. */
    static List<String> businesses(Object claim) {
        List<String> ids = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString s) {
                    ids.add(s.getString());
                }
            }
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(v -> ids.add(v instanceof JsonString s ? s.getString() : String.valueOf(v)));
        } else if (claim instanceof JsonString s) {
            ids.add(s.getString());
        } else if (claim instanceof String s) {
            ids.add(s);
        }
        return ids;
    }
}
