package dev.migrate.offline;

import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.embedded.StartingServer;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.files.AtomicFile;
import dev.migrate.log.BuildLog;
import java.io.IOException;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * Writes the SQL script that upgrades a database from one version to another (or downgrades it with the undo scripts),
 * without connecting to it. Flyway
 * resolves, parses and checksums the migrations on a throwaway PostgreSQL of the target's major version (its parser
 * depends on the server version); the target database is never contacted.
 */
public final class OfflineSql {

    private OfflineSql() {}

    /**
     * The script and the versions it goes from and to.
     *
     * @param from the version it expects, {@code empty} for a database Flyway never migrated
     * @param to   the version it leaves the database at
     * @param downgrade whether it undoes versions ({@code to} below {@code from})
     * @param text the script
     */
    public record Script(String from, String to, boolean downgrade, String text) {

        /** What a release attaches it as, one per range: {@code upgrade-empty-7}, {@code downgrade-7-4}. */
        public String classifier() {
            return (downgrade ? "downgrade-" : "upgrade-") + from + "-" + to;
        }

        /** The file name a release attaches it as, e.g. {@code shop-1.2-upgrade-empty-7.sql}. */
        public String fileName(String artifactId, String projectVersion) {
            return artifactId + "-" + projectVersion + "-" + classifier() + ".sql";
        }
    }

    /** Renders the script, with a throwaway embedded PostgreSQL under {@code workDirectory} as Flyway's context. */
    public static Script render(EmbeddedSettings embedded, Path workDirectory, OfflineRequest request, BuildLog log) {
        log.info("Flyway resolves the migrations on a throwaway PostgreSQL "
                + embedded.binaries().version() + "; no target database is contacted");
        // Flyway resolves and configures itself while the server starts; it connects once the server is ready
        try (StartingServer server =
                StartingServer.inBackground(() -> EmbeddedServer.startThrowaway(embedded, workDirectory, log))) {
            return render(server.dataSource(EmbeddedServer.DEFAULT_DATABASE), request, log);
        }
    }

    /** Renders the script with an empty database as Flyway's parsing context; it stays empty. */
    public static Script render(DataSource parsingDatabase, OfflineRequest request, BuildLog log) {
        long started = System.nanoTime();
        OfflinePlan plan = OfflinePlanner.plan(parsingDatabase, request, log);
        String text = PsqlScript.render(plan, request.generator());
        Script script = new Script(plan.from().label(), plan.to().label(), plan.downgrade(), text);
        log.info("Rendered the " + (plan.downgrade() ? "downgrade" : "upgrade") + " from " + script.from() + " to "
                + script.to() + ": "
                + (plan.downgrade()
                        ? plan.undos().size() + " undo scripts"
                        : plan.migrations().size() + " migrations")
                + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return script;
    }

    /** Writes the script to {@code file} through a temporary file, so that a failure never leaves half a script. */
    public static void write(Script script, Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            AtomicFile.writeString(absolute, script.text());
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot write " + absolute + ": " + e.getMessage(), e);
        }
    }
}
