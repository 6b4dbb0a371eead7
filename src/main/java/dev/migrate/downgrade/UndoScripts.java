package dev.migrate.downgrade;

import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.FlywayInternals.SqlMigration;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The undo scripts of a project, {@code U<version>__<description>.sql} beside {@code V<version>__...} (Flyway Teams'
 * convention), read by Flyway Community itself: a copy of the project's configuration whose versioned prefix is the
 * undo prefix makes Flyway's own scanner, naming rules, checksums, placeholder replacement and parser treat each undo
 * script as the versioned migration of its version, with its statements and whether it can run in a transaction.
 */
public final class UndoScripts {

    private UndoScripts() {}

    /**
     * One undo script and where it is.
     *
     * @param version the version it undoes
     * @param file    the file on disk, or {@code null} inside a jar
     * @param script  the script, as Flyway reads and splits it
     */
    public record UndoFile(MigrationVersion version, Path file, UndoScript script) {}

    /**
     * The undo scripts by version, in version order, read with Flyway configured on {@code flyway}'s database (Flyway's
     * parser consults it, e.g. for the server version), which must not hold a history table yet: Flyway would match
     * the undo scripts with the rows of their versions.
     */
    public static Map<MigrationVersion, UndoFile> read(Flyway flyway) {
        return read(flyway, Map.of());
    }

    /**
     * As {@link #read(Flyway)}, with placeholder values that replace those Flyway would take from the database, e.g.
     * {@code flyway:database} for a script rendered for another database.
     */
    public static Map<MigrationVersion, UndoFile> read(Flyway flyway, Map<String, String> placeholderOverrides) {
        Flyway undo = asVersioned(flyway.getConfiguration()).load();
        Map<String, Path> files = new HashMap<>();
        FlywayInternals.scan(undo.getConfiguration()).forEach(file -> files.put(file.script(), file.file()));
        Map<MigrationInfo, SqlMigration> resolved = new LinkedHashMap<>();
        for (MigrationInfo info : List.of(undo.info().all())) {
            if (info.getVersion() != null) {
                FlywayInternals.sqlMigration(info).ifPresent(sql -> resolved.put(info, sql));
            }
        }
        // before any statement is parsed: Flyway parses lazily, with the values of its shared context at that moment
        resolved.values().stream()
                .findFirst()
                .ifPresent(any -> any.parsing().overridePlaceholders(placeholderOverrides));
        Map<MigrationVersion, UndoFile> scripts = new LinkedHashMap<>();
        resolved.forEach((info, sql) -> scripts.put(
                info.getVersion(),
                new UndoFile(info.getVersion(), files.get(info.getScript()), undoScript(info, sql))));
        return scripts;
    }

    private static UndoScript undoScript(MigrationInfo info, SqlMigration sql) {
        return new UndoScript(
                info.getVersion().toString(),
                info.getDescription(),
                info.getScript(),
                info.getChecksum(),
                sql.executeInTransaction(),
                sql.statements());
    }

    /**
     * A copy of {@code configuration} that reads the undo scripts as versioned migrations, and nothing else: the
     * downgrade reads them so on the target database, {@link #read} on a database without history.
     */
    static FluentConfiguration asVersioned(Configuration configuration) {
        return Flyway.configure(configuration.getClassLoader())
                .configuration(configuration)
                .sqlMigrationPrefix(FlywayInternals.UNDO_SQL_MIGRATION_PREFIX)
                // the V files have no prefix Flyway knows in this copy: not misnamed, only not read
                .validateMigrationNaming(false)
                // a repeatable prefix no file name starts with: the repeatables are not undo scripts
                .repeatableSqlMigrationPrefix("/");
    }
}
