package dev.migrate.check;

import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.FlywayInternals.SqlMigration;
import dev.migrate.migration.internals.MigrationFile;
import dev.migrate.migration.internals.MigrationFile.Kind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The undo scripts of a project, {@code U<version>__<description>.sql} beside {@code V<version>__...} (Flyway Teams'
 * convention), read by Flyway Community itself: a copy of the project's configuration whose versioned prefix is the
 * undo prefix makes Flyway's own scanner, naming rules, placeholder replacement and parser treat each undo script as
 * the versioned migration of its version, with its statements and whether it can run in a transaction.
 */
final class UndoScripts {

    /** Flyway Teams' default {@code undoSqlMigrationPrefix}. */
    static final String UNDO_PREFIX = "U";

    private UndoScripts() {}

    /**
     * One undo script.
     *
     * @param version   the version it undoes
     * @param script    its path relative to its location, as Flyway names scripts
     * @param file      the file on disk, or {@code null} inside a jar
     * @param migration its statements as Flyway parses them
     */
    record UndoScript(MigrationVersion version, String script, Path file, SqlMigration migration) {}

    /** A copy of {@code configuration} that reads the undo scripts as versioned migrations, and nothing else. */
    static FluentConfiguration asVersioned(Configuration configuration) {
        return Flyway.configure(configuration.getClassLoader())
                .configuration(configuration)
                .sqlMigrationPrefix(UNDO_PREFIX)
                // the V files have no prefix Flyway knows in this copy: not misnamed, only not read
                .validateMigrationNaming(false)
                // a repeatable prefix no file name starts with: the repeatables are not undo scripts
                .repeatableSqlMigrationPrefix("/");
    }

    /** Whether a file Flyway Community refuses by name is an undo script by Flyway's naming rules. */
    static boolean isUndoName(Configuration configuration, MigrationFile file) {
        Path name = file.file() == null
                ? Path.of(file.script()).getFileName()
                : file.file().getFileName();
        return file.kind() == Kind.INVALID
                && name.toString().startsWith(UNDO_PREFIX)
                && FlywayInternals.refusedName(asVersioned(configuration), name.toString())
                        .isEmpty();
    }

    /**
     * The undo scripts by version, read with Flyway configured on {@code flyway}'s database (a database Flyway's
     * parser may consult, e.g. for the server version), which has no history table of the undo scripts' own.
     */
    static Map<MigrationVersion, UndoScript> read(Flyway flyway) {
        Flyway undo = asVersioned(flyway.getConfiguration()).load();
        Map<String, Path> files = new LinkedHashMap<>();
        FlywayInternals.scan(undo.getConfiguration()).forEach(file -> files.put(file.script(), file.file()));
        Map<MigrationVersion, UndoScript> scripts = new LinkedHashMap<>();
        for (MigrationInfo info : List.of(undo.info().all())) {
            Optional<SqlMigration> migration =
                    info.getVersion() == null ? Optional.empty() : FlywayInternals.sqlMigration(info);
            migration.ifPresent(sql -> scripts.put(
                    info.getVersion(),
                    new UndoScript(info.getVersion(), info.getScript(), files.get(info.getScript()), sql)));
        }
        return scripts;
    }
}
