package dev.migrate.migration;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.Action;
import dev.migrate.error.Suggestion;
import dev.migrate.log.BuildLog;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Flyway's validate against a database: every migration that does not match its history row, each with what to do.
 * Flyway's own messages name its command line options, so each problem is told again in the plugin's words.
 */
public final class Validation {

    private static final Suggestion REPAIR = new Suggestion.Run(Action.REPAIR);
    private static final Suggestion UPGRADE = new Suggestion.Run(Action.UPGRADE);

    private Validation() {}

    public static ValidationResult validate(OpenDatabase database, MigrationSettings settings, BuildLog log) {
        Flyway flyway = FlywayFactory.create(settings, database.dataSource(), log);
        try {
            ValidateResult result = flyway.validateWithResult();
            Map<String, MigrationInfo> migrations = Arrays.stream(flyway.info().all())
                    .collect(Collectors.toMap(Validation::key, Function.identity(), (first, second) -> second));
            // a changed repeatable is reported twice, as outdated and as not applied: it is one problem of one file
            List<ValidationProblem> problems = List.copyOf(result.invalidMigrations.stream()
                    .map(invalid -> problem(invalid, migrations.get(key(invalid)), database, flyway))
                    .collect(Collectors.toMap(
                            ValidationProblem::migration,
                            Function.identity(),
                            (first, second) -> first,
                            LinkedHashMap::new))
                    .values());
            if (problems.isEmpty() && !result.validationSuccessful) {
                problems = List.of(new ValidationProblem(
                        database.displayName(), result.errorDetails.errorMessage, "Fix the cause Flyway names"));
            }
            return new ValidationResult(database.displayName(), result.validateCount, problems);
        } catch (FlywayException e) {
            throw database.explain(FlywayFailures.translate(
                    e, database, () -> HistoryTable.qualifiedName(flyway, database.dataSource())));
        }
    }

    private static String key(MigrationInfo migration) {
        return (migration.getVersion() == null ? "" : migration.getVersion().getVersion()) + "\0"
                + migration.getDescription();
    }

    private static String key(ValidateOutput invalid) {
        return (invalid.version == null ? "" : invalid.version) + "\0" + invalid.description;
    }

    private static ValidationProblem problem(
            ValidateOutput invalid, MigrationInfo migration, OpenDatabase database, Flyway flyway) {
        String name = invalid.filepath != null && !invalid.filepath.isBlank()
                ? invalid.filepath
                : migration != null && migration.getScript() != null
                        ? migration.getScript()
                        : invalid.version + " " + invalid.description;
        ErrorCode code = invalid.errorDetails.errorCode;
        MigrationState state = migration == null ? null : migration.getState();
        if (!(code instanceof CoreErrorCode core)) {
            return new ValidationProblem(name, invalid.errorDetails.errorMessage, "Fix the cause Flyway names");
        }
        return switch (core) {
            case CHECKSUM_MISMATCH ->
                new ValidationProblem(
                        name,
                        "the file changed since it was applied (checksum " + applied(migration) + " in the history,"
                                + " " + resolved(migration) + " now)",
                        "Undo the edit and make the change in a new migration; if the database already has the change,"
                                + " or only comments or layout changed, repair the history to record the file's"
                                + " checksum",
                        REPAIR);
            case DESCRIPTION_MISMATCH, TYPE_MISMATCH ->
                new ValidationProblem(
                        name,
                        "the file was renamed or changed its type since it was applied",
                        "Give it back the name it was applied with, or repair the history to record the new one",
                        REPAIR);
            case APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED, APPLIED_REPEATABLE_MIGRATION_NOT_RESOLVED ->
                notResolved(name, state);
            case FAILED_VERSIONED_MIGRATION, FAILED_REPEATABLE_MIGRATION ->
                new ValidationProblem(
                        name,
                        "it failed and Flyway recorded the failure, which stops every upgrade",
                        FlywayFailures.afterFailedMigration(
                                database, HistoryTable.qualifiedName(flyway, database.dataSource())));
            case RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED ->
                state == MigrationState.IGNORED
                        ? new ValidationProblem(
                                name,
                                "it was never applied and its version is below the database's current version",
                                "Give it a version above the current one, or allow out-of-order migrations"
                                        + " with Flyway's outOfOrder setting, then apply it",
                                UPGRADE)
                        : pending(name);
            case RESOLVED_REPEATABLE_MIGRATION_NOT_APPLIED -> pending(name);
            case OUTDATED_REPEATABLE_MIGRATION ->
                new ValidationProblem(
                        name, "the repeatable migration changed since it was last applied", "Apply it again", UPGRADE);
            default -> new ValidationProblem(name, invalid.errorDetails.errorMessage, "Fix the cause Flyway names");
        };
    }

    private static ValidationProblem notResolved(String name, MigrationState state) {
        if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
            return new ValidationProblem(
                    name,
                    "the database has this migration, newer than every file here",
                    "Update the checkout to the code that migrated the database, or check the migration locations");
        }
        return new ValidationProblem(
                name,
                "it was applied, but its file is missing",
                "Restore the file, or check the migration locations; if it was removed on purpose, repair the history"
                        + " to mark it deleted",
                REPAIR);
    }

    private static ValidationProblem pending(String name) {
        return new ValidationProblem(name, "it is not applied yet", "Apply it", UPGRADE);
    }

    private static String applied(MigrationInfo migration) {
        return migration == null ? "?" : String.valueOf(migration.getAppliedChecksum());
    }

    private static String resolved(MigrationInfo migration) {
        return migration == null ? "?" : String.valueOf(migration.getResolvedChecksum());
    }
}
