package dev.migrate.migration;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.Action;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.MigrateException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.FlywayInternals.FailedMigration;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Turns Flyway's exceptions into the plugin's: what failed, where, and what to do next. Maven prints the message of
 * every cause that the message does not already contain, so a cause is kept only when its text is part of the
 * message: Flyway's own report of a failed script (ending in "Run Flyway with -X option...") is not.
 */
public final class FlywayFailures {

    /** Flyway's report of a versioned file whose name it cannot read, e.g. {@code V7_add_nickname.sql}. */
    private static final Pattern MALFORMED_NAME =
            Pattern.compile("Invalid versioned migration name format: (([A-Za-z]+)(\\d[\\d.]*)_([^_\\s]\\S*))");

    /** Flyway's codes for what the configuration or the migrations got wrong. */
    private static final Set<CoreErrorCode> USER_MISTAKE_CODES = EnumSet.of(
            CoreErrorCode.CONFIGURATION,
            CoreErrorCode.CONFIGURATION_RECOVERABLE,
            CoreErrorCode.DUPLICATE_VERSIONED_MIGRATION,
            CoreErrorCode.DUPLICATE_REPEATABLE_MIGRATION,
            CoreErrorCode.DUPLICATE_UNDO_MIGRATION,
            CoreErrorCode.DUPLICATE_DELETED_MIGRATION,
            CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE,
            CoreErrorCode.VALIDATE_ERROR,
            CoreErrorCode.SCHEMA_DOES_NOT_EXIST,
            CoreErrorCode.APPLIED_REPEATABLE_MIGRATION_NOT_RESOLVED,
            CoreErrorCode.APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED,
            CoreErrorCode.RESOLVED_REPEATABLE_MIGRATION_NOT_APPLIED,
            CoreErrorCode.RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED,
            CoreErrorCode.OUTDATED_REPEATABLE_MIGRATION,
            CoreErrorCode.TYPE_MISMATCH,
            CoreErrorCode.CHECKSUM_MISMATCH,
            CoreErrorCode.DESCRIPTION_MISMATCH);

    private static final String NO_TARGET = "No migration with a target version";

    /**
     * Flyway's reports of user mistakes that carry only its generic {@code ERROR} code (13.x): a migration named
     * wrongly, a statement it cannot parse (a placeholder without a value), a target no migration has.
     */
    private static final List<String> USER_MISTAKE_MESSAGES =
            List.of("Invalid SQL filenames found", "Unable to parse statement", NO_TARGET);

    private FlywayFailures() {}

    /**
     * @param historyTable the quoted name of Flyway's history table, asked for only when the advice needs it
     */
    static MigrateException translate(FlywayException e, OpenDatabase database, Supplier<String> historyTable) {
        Optional<FailedMigration> failed = FlywayInternals.failedMigration(e);
        if (failed.isPresent()) {
            return failedMigration(e, failed.get(), database, historyTable);
        }
        if (FlywayInternals.isSqlFailure(e)) {
            SQLException sqlException = sqlCause(e);
            return new EnvironmentFailureException(
                    "Flyway could not work on " + database.displayName() + ": " + firstLine(e.getMessage())
                            + (sqlException == null ? "" : ": " + sqlException.getMessage()),
                    sqlException == null ? e : sqlException);
        }
        if (isUserMistake(e)) {
            return new UserMistakeException(e.getMessage() + namingHint(e.getMessage()), suggestion(e), e);
        }
        return new EnvironmentFailureException("Flyway failed on " + database.displayName() + ": " + e.getMessage(), e);
    }

    /** Flyway could not resolve the migrations, before any database is involved (offline planning). */
    public static MigrateException whileResolving(FlywayException e) {
        String message = "Flyway cannot resolve the migrations: " + e.getMessage();
        return isUserMistake(e)
                ? new UserMistakeException(message + namingHint(messageOf(e)), suggestion(e), e)
                : new EnvironmentFailureException(message, e);
    }

    /**
     * The user's mistakes, as Flyway classifies them (a code other than its generic {@code ERROR}), or, under
     * {@code ERROR}, as its message says.
     */
    private static boolean isUserMistake(FlywayException e) {
        if (e.getErrorCode() instanceof CoreErrorCode code && USER_MISTAKE_CODES.contains(code)) {
            return true;
        }
        return USER_MISTAKE_MESSAGES.stream().anyMatch(messageOf(e)::startsWith);
    }

    private static Suggestion suggestion(FlywayException e) {
        String message = messageOf(e);
        if (e.getErrorCode() == CoreErrorCode.CONFIGURATION) {
            return new Suggestion.Change(Setting.FLYWAY);
        }
        if (message.startsWith(NO_TARGET)) {
            return new Suggestion.Change(Setting.TARGET);
        }
        return message.contains("placeholder") ? new Suggestion.Change(Setting.PLACEHOLDERS) : null;
    }

    private static String messageOf(FlywayException e) {
        return e.getMessage() == null ? "" : e.getMessage();
    }

    /** The advice for a database that holds a failed migration. */
    static String afterFailedMigration(OpenDatabase database, String historyTable) {
        return database.afterFailedMigration(HistoryTable.deleteFailedRows(historyTable));
    }

    private static String namingHint(String flywayMessage) {
        Matcher malformed = MALFORMED_NAME.matcher(flywayMessage);
        if (!malformed.find()) {
            return "";
        }
        String prefix = malformed.group(2);
        return "\nA versioned migration is named " + prefix + "<version>__<description>.sql, with two underscores"
                + " after the version: rename " + malformed.group(1) + " to " + prefix + malformed.group(3) + "__"
                + malformed.group(4) + ".";
    }

    private static MigrateException failedMigration(
            FlywayException e, FailedMigration failed, OpenDatabase database, Supplier<String> historyTable) {
        MigrationInfo migration = failed.migration();
        SQLException sqlException = sqlCause(e);
        StringBuilder message = new StringBuilder(
                scriptFailed("Migration " + migration.getScript(), failed.lineNumber(), sqlException, e.getMessage()));
        message.append("\n")
                .append(
                        failed.executableInTransaction()
                                ? "Its changes were rolled back: " + database.displayName()
                                        + " stays at the last good version." + " Fix the script and run the goal again."
                                : "It ran outside a transaction, so part of it may have been applied and Flyway recorded it as failed."
                                        + " " + afterFailedMigration(database, historyTable.get()));
        Suggestion repair = failed.executableInTransaction() || !database.isUsersServer()
                ? null
                : new Suggestion.Run(Action.REPAIR);
        return new UserMistakeException(message.toString(), repair, sqlException != null ? sqlException : e);
    }

    /**
     * What a failed script's message starts with: e.g. {@code Migration V2__x.sql failed at line 3 (SQLSTATE 42P01):
     * ERROR: relation "t" does not exist}.
     *
     * @param script     what failed, e.g. {@code Migration V2__x.sql}
     * @param line       the line of the failed statement, or 0 or less when unknown
     * @param sql        the server's report, or {@code null}
     * @param otherwise  the failure's message when the server made no report
     */
    public static String scriptFailed(String script, int line, SQLException sql, String otherwise) {
        return script + " failed" + (line > 0 ? " at line " + line : "")
                + (sql != null ? " (SQLSTATE " + sql.getSQLState() + "): " + sql.getMessage() : ": " + otherwise);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
