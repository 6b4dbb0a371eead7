package dev.migrate.migration;

import dev.migrate.database.OpenDatabase;
import dev.migrate.log.BuildLog;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** Logs one line per migration as Flyway applies it, with its duration, and tells the database what runs. */
final class MigrationProgress implements Callback {

    private final BuildLog log;
    private final OpenDatabase database;
    private long startedNanos;

    MigrationProgress(BuildLog log, OpenDatabase database) {
        this.log = log;
        this.database = database;
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
            database.waitingFor("migration " + context.getMigrationInfo().getScript() + " to finish");
        } else {
            database.waitingFor(
                    "Flyway to record migration " + context.getMigrationInfo().getScript());
            long millis = (System.nanoTime() - startedNanos) / 1_000_000;
            log.info("  " + describe(context.getMigrationInfo()) + " (" + millis + " ms)");
        }
    }

    static String describe(MigrationInfo migration) {
        String version =
                migration.getVersion() == null ? "R" : migration.getVersion().getVersion();
        return version + "  " + migration.getDescription() + "  [" + migration.getScript() + "]";
    }

    @Override
    public String getCallbackName() {
        return "migrate-maven-plugin progress";
    }
}
