package dev.textback.access;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What one verified token may see: everything (admin) or a fixed set of business ids. Plain logic,
 * kept apart from CDI so it is tested without Quarkus.
 */
public record TokenScope(boolean admin, Set<String> businesses) {
    public static final TokenScope NONE = new TokenScope(false, Set.of());

    public TokenScope {
        businesses = Set.copyOf(businesses);
    }

    public static TokenScope everything() {
        return new TokenScope(true, Set.of());
    }

    public static TokenScope of(Collection<String> businesses) {
        return new TokenScope(false, Set.copyOf(businesses));
    }

    public boolean canSee(String businessId) {
        return admin || businessId != null && businesses.contains(businessId);
    }

    /** Keeps the items of a listing whose business this token may see. */
    public <T> List<T> visible(Collection<T> items, Function<T, String> businessId) {
        if (admin) {
            return List.copyOf(items);
        }
        return items.stream().filter(item -> canSee(businessId.apply(item))).toList();
    }
}
