package dev.textback.access;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * What the caller of the current request may see, for the checks the path alone cannot make:
 * listings ({@link #visible}) and resources found by something other than {@code {businessId}} in the
 * path ({@link #require}, after loading them). {@link AccessFilter} has already refused requests for
 * another business's path and requests without a valid token before a resource method runs.
 */
@RequestScoped
public class BusinessAccess {
    @Inject
    SecurityIdentity identity;

    private TokenScope scope;

    public TokenScope scope() {
        if (scope == null) {
            scope = TokenScopes.of(identity);
        }
        return scope;
    }

    public boolean isAdmin() {
        return scope().admin();
    }

    public boolean canSee(String businessId) {
        return scope().canSee(businessId);
    }

    /** Throws {@link BusinessNotVisibleException} (answered 404) unless this token may see the business. */
    public void require(String businessId) {
        if (!canSee(businessId)) {
            throw new BusinessNotVisibleException(businessId);
        }
    }

    public <T> List<T> visible(Collection<T> items, Function<T, String> businessId) {
        return scope().visible(items, businessId);
    }
}
