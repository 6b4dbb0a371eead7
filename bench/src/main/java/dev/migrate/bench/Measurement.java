package dev.migrate.bench;

/**
 * One measured process.
 *
 * @param millis    wall-clock time from start to exit
 * @param maxRssKib the peak resident memory of the process (the Maven JVM), in KiB; 0 when unknown
 */
record Measurement(long millis, long maxRssKib) {
}
