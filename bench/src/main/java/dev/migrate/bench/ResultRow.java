package dev.migrate.bench;

/**
 * One line of the results table.
 *
 * @param what    the scenario
 * @param set     the migration set it ran on
 * @param peer    the peer's (or the reference's) median and range
 * @param plugin  this plugin's median and range
 * @param ratio   what the target is checked on, e.g. {@code 0.42x}
 * @param target  the target from the issue, e.g. {@code ≤ 0.8x peer}
 * @param verdict whether the target is met
 */
record ResultRow(String what, String set, String peer, String plugin, String ratio, String target, Verdict verdict) {

    enum Verdict {
        PASS,
        MISS,
        NOT_MEASURED,
        INFO;

        String label() {
            return switch (this) {
                case PASS -> "pass";
                case MISS -> "**MISS**";
                case NOT_MEASURED -> "n/a";
                case INFO -> "";
            };
        }
    }

    static Verdict check(boolean met) {
        return met ? Verdict.PASS : Verdict.MISS;
    }

    String markdown() {
        return "| " + String.join(" | ", what, set, peer, plugin, ratio, target, verdict.label()) + " |";
    }
}
