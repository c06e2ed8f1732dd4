package dev.textback.metrics.roi;

import java.util.Map;
import java.util.TreeMap;

/**
 * Speed to text as counts per whole second. Percentiles use the nearest-rank rule: the p-th percentile
 * is the smallest value v with at least ceil(p * n) leads at or below v. Exact at one-second resolution,
 * and histograms of days add up to the histogram of the period, which averages of percentiles would not.
 */
public final class SpeedHistogram {
    private final TreeMap<Integer, Long> counts = new TreeMap<>();

    public void add(int seconds, long leads) {
        if (leads > 0) {
            counts.merge(seconds, leads, Long::sum);
        }
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The p-th percentile (0 < p <= 1) in seconds, or null when no lead was texted. */
    public Integer percentile(double p) {
        long n = total();
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * n - 1e-9));
        long seen = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        return counts.lastKey();
    }
}
