package dev.textback.local.bench;

import java.util.Arrays;

/** Latencies of one measured run, in microseconds; percentiles by sorting (a run is a few 100k). */
final class Latencies {
    private long[] values;
    private int size;

    Latencies(int expected) {
        values = new long[Math.max(16, expected)];
    }

    synchronized void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    synchronized int count() {
        return size;
    }

    /** The q-quantile (0..1) in milliseconds, nearest rank. */
    synchronized double percentileMillis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))] / 1000.0;
    }

    synchronized double maxMillis() {
        long max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, values[i]);
        }
        return max / 1000.0;
    }
}
