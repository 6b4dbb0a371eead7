package dev.migrate.migration;

import dev.migrate.database.OpenDatabase;
import dev.migrate.log.BuildLog;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Decides whether a database that an earlier build migrated holds a prefix of today's migrations, so that applying
 * what is pending gives the schema a migration from scratch would give. Flyway's own validation decides it.
 */
public final class MigratedPrefix {

    private MigratedPrefix() {}

    /** Why the database must be migrated from scratch, or empty when applying the pending migrations is enough. */
    public static Optional<String> whyNotContinuable(OpenDatabase database, MigrationSettings settings, BuildLog log) {
        Flyway configured = FlywayFactory.create(settings, database.dataSource(), log);
        // pending migrations are what continuing applies; anything else (changed, removed, inserted before applied
        // ones, failed, applied but unknown) means today's migrations do not start with the applied ones
        Flyway strict = Flyway.configure(settings.classLoader())
                .configuration(configured.getConfiguration())
                .ignoreMigrationPatterns("*:pending")
                .outOfOrder(false)
                .load();
        try {
            ValidateResult result = strict.validateWithResult();
            if (!result.validationSuccessful) {
                return Optional.of(
                        result.invalidMigrations.isEmpty()
                                ? firstLine(result.getAllErrorMessages())
                                : describe(result.invalidMigrations.get(0)));
            }
            return Arrays.stream(strict.info().applied())
                    .filter(applied ->
                            applied.getChecksum() == null && !applied.getType().isSynthetic())
                    .findFirst()
                    .map(MigratedPrefix::withoutChecksum);
        } catch (FlywayException e) {
            return Optional.of("its history cannot be read (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static String describe(ValidateOutput invalid) {
        String name = invalid.filepath == null || invalid.filepath.isBlank()
                ? "migration " + invalid.version + " (" + invalid.description + ")"
                : Path.of(invalid.filepath).getFileName().toString();
        return name + ": " + firstLine(invalid.errorDetails.errorMessage);
    }

    private static String withoutChecksum(MigrationInfo applied) {
        return "migration " + applied.getVersion() + " (" + applied.getDescription() + ") has no checksum, so a"
                + " change to it would go unnoticed";
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).strip();
    }
}
