package dev.migrate.flyway;

import dev.migrate.log.BuildLog;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** Logs one line per migration as Flyway applies it, with its duration. */
final class MigrationProgress implements Callback {

    private final BuildLog log;
    private long startedNanos;

    MigrationProgress(BuildLog log) {
        this.log = log;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_EACH_MIGRATE) {
            startedNanos = System.nanoTime();
        } else {
            long millis = (System.nanoTime() - startedNanos) / 1_000_000;
            log.info("  " + describe(context.getMigrationInfo()) + " (" + millis + " ms)");
        }
    }

    static String describe(MigrationInfo migration) {
        String version = migration.getVersion() == null ? "R" : migration.getVersion().getVersion();
        return version + "  " + migration.getDescription() + "  [" + migration.getScript() + "]";
    }

    @Override
    public String getCallbackName() {
        return "migrate-maven-plugin progress";
    }
}
