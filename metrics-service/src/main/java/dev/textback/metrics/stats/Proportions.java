package dev.textback.metrics.stats;

/**
 * Confidence intervals and tests for rates (successes out of trials), for comparing message variants.
 * Plain double arithmetic: these are statistical statements, reported to 4 decimals, not money.
 */
public final class Proportions {
    /** The 97.5th percentile of the standard normal distribution: two-sided 95%. */
    public static final double Z95 = 1.959963984540054;

    private Proportions() {
    }

    /** A 95% interval [low, high] for a rate. */
    public record Interval(double low, double high) {
    }

    /**
     * The Wilson score interval: unlike the textbook p +- z*sqrt(p(1-p)/n) it stays inside [0, 1] and
     * is not degenerate at 0 or n successes, which matters for the small counts of a new variant.
     * Null when there were no trials.
     */
    public static Interval wilson(long successes, long trials) {
        if (trials <= 0) {
            return null;
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** Result of a two-proportion z-test: the z statistic and its two-sided p-value. */
    public record Test(double z, double pValue) {
        public boolean significant() {
            return pValue < 0.05;
        }
    }

    /**
     * Two-sided two-proportion z-test with the pooled rate (H0: both variants have the same rate).
     * Null when either side has no trials, or when the pooled rate is 0 or 1 (nothing to compare).
     */
    public static Test twoProportion(long x1, long n1, long x2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return null;
        }
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return null;
        }
        double z = ((double) x2 / n2 - (double) x1 / n1) / se;
        return new Test(z, 2 * (1 - normalCdf(Math.abs(z))));
    }

    /** Standard normal CDF through erf (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
    public static double normalCdf(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2)));
    }

    static double erf(double x) {
        double sign = Math.signum(x);
        double a = Math.abs(x);
        double t = 1 / (1 + 0.3275911 * a);
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-a * a);
        return sign * y;
    }
}
