package dev.migrate.embedded;

import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestPostgres;
import java.nio.file.Path;

/**
 * A build that {@link OrphanedServerTest} kills: starts a throwaway server in the directory given as the argument,
 * says so on a line of its own, and waits to be killed.
 */
public final class KilledBuild {

    static final String STARTED = "server started";

    private KilledBuild() {}

    public static void main(String[] arguments) throws InterruptedException {
        EmbeddedServer.startThrowaway(TestPostgres.settings(), Path.of(arguments[0]), new CapturingLog());
        System.out.println(STARTED);
        Thread.sleep(Long.MAX_VALUE);
    }
}
