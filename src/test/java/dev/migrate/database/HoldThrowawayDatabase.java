package dev.migrate.database;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.testing.CapturingLog;

/** A build in miniature for {@link ThrowawayReapTest}: makes a throwaway database on a server and waits to be killed. */
public final class HoldThrowawayDatabase {

    private HoldThrowawayDatabase() {}

    /** {@code args}: the JDBC URL of the server. */
    public static void main(String[] args) throws InterruptedException {
        ThrowawayDatabase throwaway = new ThrowawayDatabase(
                new ConnectionSettings(args[0], null, null),
                () -> {
                    throw new IllegalStateException("no embedded server here");
                },
                null);
        try (OpenDatabase ignored = throwaway.open(new CapturingLog())) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
