package dev.migrate.authoring;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The version after the project's highest one, in the project's own style: an integer counts up keeping its zero
 * padding ({@code 001 -> 002}), a dotted version counts up its last part ({@code 2.1.3 -> 2.1.4}), a timestamp
 * becomes the current time in the same pattern. Never lower than or equal to the highest: Flyway would not apply it.
 */
final class NextVersion {

    /** The timestamp patterns Flyway projects use, by length; shorter numbers are plain integers. */
    private static final List<String> TIMESTAMPS = List.of("yyyyMMddHHmm", "yyyyMMddHHmmss", "yyyyMMddHHmmssSSS");

    private NextVersion() {}

    /** The next version after {@code highest} (as written in its file name), or 1 when there is none. */
    static String after(String highest, LocalDateTime now) {
        if (highest == null) {
            return "1";
        }
        Optional<String> timestamp = timestampPattern(highest).map(pattern -> now.format(pattern(pattern)));
        if (timestamp.isPresent() && new BigInteger(timestamp.get()).compareTo(new BigInteger(highest)) > 0) {
            return timestamp.get();
        }
        int lastDot = highest.lastIndexOf('.');
        return highest.substring(0, lastDot + 1) + increment(highest.substring(lastDot + 1));
    }

    private static Optional<String> timestampPattern(String version) {
        return TIMESTAMPS.stream()
                .filter(pattern -> pattern.length() == version.length() && isTime(version, pattern))
                .findFirst();
    }

    private static boolean isTime(String version, String pattern) {
        try {
            LocalDateTime.parse(version, pattern(pattern));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static DateTimeFormatter pattern(String pattern) {
        return DateTimeFormatter.ofPattern(pattern.replace('y', 'u'));
    }

    /** {@code part + 1} with its zero padding kept: 009 -> 010, 999 -> 1000. */
    private static String increment(String part) {
        String next = new BigInteger(part).add(BigInteger.ONE).toString();
        return "0".repeat(Math.max(0, part.length() - next.length())) + next;
    }
}
