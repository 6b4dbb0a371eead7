package dev.migrate.bench;

import java.nio.file.Path;

/**
 * One measured process.
 *
 * @param millis    wall-clock time from start to exit
 * @param maxRssKib the peak resident memory of the process (the Maven JVM), in KiB; 0 when unknown
 * @param log       the build's output
 */
record Measurement(long millis, long maxRssKib, Path log) {}
