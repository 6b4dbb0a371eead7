package dev.migrate.migration;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.MigrateException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.FlywayInternals.FailedMigration;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Turns Flyway's exceptions into the plugin's: what failed, where, and what to do next. Maven prints the message of
 * every cause that the message does not already contain, so a cause is kept only when its text is part of the
 * message: Flyway's own report of a failed script (ending in "Run Flyway with -X option...") is not.
 */
final class FlywayFailures {

    /** Flyway's report of a versioned file whose name it cannot read, e.g. {@code V7_add_nickname.sql}. */
    private static final Pattern MALFORMED_NAME =
            Pattern.compile("Invalid versioned migration name format: (([A-Za-z]+)(\\d[\\d.]*)_([^_\\s]\\S*))");

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
        return new UserMistakeException(e.getMessage() + namingHint(e.getMessage()), e);
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
        StringBuilder message =
                new StringBuilder("Migration ").append(migration.getScript()).append(" failed");
        if (failed.lineNumber() > 0) {
            message.append(" at line ").append(failed.lineNumber());
        }
        if (sqlException != null) {
            message.append(" (SQLSTATE ")
                    .append(sqlException.getSQLState())
                    .append("): ")
                    .append(sqlException.getMessage());
        } else {
            message.append(": ").append(e.getMessage());
        }
        message.append("\n")
                .append(
                        failed.executableInTransaction()
                                ? "Its changes were rolled back: " + database.displayName()
                                        + " stays at the last good version." + " Fix the script and run the goal again."
                                : "It ran outside a transaction, so part of it may have been applied and Flyway recorded it as failed."
                                        + " " + afterFailedMigration(database, historyTable.get()));
        return new UserMistakeException(message.toString(), sqlException != null ? sqlException : e);
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
