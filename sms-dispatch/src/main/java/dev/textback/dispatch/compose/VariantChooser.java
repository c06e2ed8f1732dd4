package dev.textback.dispatch.compose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import dev.textback.crm.events.TextTemplate;

/**
 * Picks a business's template variant for a caller. Deterministic (a stable hash of business and
 * caller), so the same caller always gets the same variant, a redelivered call picks the same one,
 * and the split between variants follows their weights across callers.
 */
public final class VariantChooser {
    /** Used when a business has no usable template (the contract requires one, but be safe). */
    public static final TextTemplate FALLBACK = new TextTemplate("default",
            "Sorry we missed your call at {business}. How can we help?", 1);

    private VariantChooser() {
    }

    public static TextTemplate choose(String businessId, String caller, List<TextTemplate> templates) {
        if (templates == null || templates.isEmpty()) {
            return FALLBACK;
        }
        long total = 0;
        for (TextTemplate t : templates) {
            total += Math.max(0, t.weight());
        }
        if (total == 0) {
            return templates.get(0);
        }
        long bucket = Math.floorMod(stableHash(businessId + "|" + caller), total);
        long upTo = 0;
        for (TextTemplate t : templates) {
            upTo += Math.max(0, t.weight());
            if (bucket < upTo) {
                return t;
            }
        }
        return templates.get(templates.size() - 1);
    }

    /** First 8 bytes of SHA-256: the same on every JVM and every run, unlike String.hashCode of a seed. */
    static long stableHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
