package dev.migrate.database;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who made a throwaway database on a user's server, and when: its name holds the time it was made,
 * {@code migrate_codegen_<seconds since 1970, hex>_<random>}, and its comment the build that made it,
 * {@code host=<name> pid=<process id> started=<the process's start, ms>}. With both, a later build can tell a
 * database whose build was killed ({@code kill -9}) and left it, from one that a running build still uses.
 */
record ThrowawayOwner(String host, long pid, long processStartMillis) {

    static final String NAME_PREFIX = "migrate_codegen_";
    /** A build that runs longer than this does not generate on one throwaway database: older ones are left over. */
    static final Duration LEFT_OVER_AFTER = Duration.ofHours(24);

    private static final Pattern NAME = Pattern.compile(NAME_PREFIX + "([0-9a-f]{8})_[0-9a-f]{8}");
    private static final Pattern COMMENT = Pattern.compile("host=(\\S+) pid=(\\d+) started=(\\d+)");

    /** This build's JVM. */
    static ThrowawayOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new ThrowawayOwner(localHost(), self.pid(), startMillis(self).orElse(0L));
    }

    /** A new name for a database made now. */
    static String newName(Instant now) {
        return NAME_PREFIX + String.format("%08x", now.getEpochSecond()) + "_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** The comment that records this owner. */
    String comment() {
        return "host=" + host + " pid=" + pid + " started=" + processStartMillis;
    }

    /**
     * Why the database {@code name} with {@code comment} is left over, or empty when its build may still use it or
     * when it is not one of the plugin's throwaway databases (another naming, an older plugin).
     */
    static Optional<String> leftOver(String name, String comment, Instant now) {
        Matcher named = NAME.matcher(name);
        if (!named.matches()) {
            return Optional.empty();
        }
        Instant made = Instant.ofEpochSecond(Long.parseLong(named.group(1), 16));
        if (made.plus(LEFT_OVER_AFTER).isBefore(now)) {
            return Optional.of("made " + made + ", more than " + LEFT_OVER_AFTER.toHours() + " h ago");
        }
        Matcher owner = comment == null ? null : COMMENT.matcher(comment);
        if (owner == null || !owner.matches() || !owner.group(1).equals(localHost())) {
            return Optional.empty();
        }
        long pid = Long.parseLong(owner.group(2));
        long started = Long.parseLong(owner.group(3));
        boolean running = ProcessHandle.of(pid)
                .flatMap(ThrowawayOwner::startMillis)
                .map(start -> start == started)
                .orElse(false);
        return running ? Optional.empty() : Optional.of("its build, process " + pid + " on this machine, is gone");
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
