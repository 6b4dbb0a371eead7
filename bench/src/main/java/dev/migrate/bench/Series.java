package dev.migrate.bench;

import java.util.List;

/** Values of repeated runs of one thing, summarised as the median and the range. */
record Series(List<Long> values) {

    static Series millis(List<Measurement> runs) {
        return new Series(runs.stream().map(Measurement::millis).toList());
    }

    static Series memory(List<Measurement> runs) {
        return new Series(runs.stream().map(Measurement::maxRssKib).toList());
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    double median() {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    long min() {
        return values.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    long max() {
        return values.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** {@code 1234 ms (1100–1400)}. */
    String describe(String unit) {
        return isEmpty() ? "n/a" : String.format("%.0f %s (%d–%d)", median(), unit, min(), max());
    }

    /** The median of the ratios of run i of {@code this} to run i of {@code base}, pair by pair. */
    double pairedRatio(Series base) {
        List<Long> ratiosPerMille = new java.util.ArrayList<>();
        for (int run = 0; run < Math.min(values.size(), base.values.size()); run++) {
            ratiosPerMille.add(Math.round(1000.0 * values.get(run) / base.values.get(run)));
        }
        return new Series(ratiosPerMille).median() / 1000.0;
    }
}
