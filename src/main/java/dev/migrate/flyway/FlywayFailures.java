package dev.migrate.flyway;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.MigrateException;
import dev.migrate.error.UserMistakeException;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.exception.FlywaySqlException;

/** Turns Flyway's exceptions into the plugin's: what failed, where, and what to do next. */
final class FlywayFailures {

    private FlywayFailures() {
    }

    static MigrateException translate(FlywayException e, String databaseName) {
        if (e instanceof FlywayMigrateException failed) {
            return failedMigration(failed, databaseName);
        }
        if (e instanceof FlywaySqlException sqlFailure) {
            return new EnvironmentFailureException("Flyway could not work on " + databaseName + ": "
                    + firstLine(sqlFailure.getMessage()), e);
        }
        return new UserMistakeException(e.getMessage(), e);
    }

    private static MigrateException failedMigration(FlywayMigrateException e, String databaseName) {
        MigrationInfo migration = e.getMigration();
        SQLException sqlException = sqlCause(e);
        StringBuilder message = new StringBuilder("Migration ").append(migration.getScript()).append(" failed");
        if (e.getLineNumber() > 0) {
            message.append(" at line ").append(e.getLineNumber());
        }
        if (sqlException != null) {
            message.append(" (SQLSTATE ").append(sqlException.getSQLState()).append("): ")
                    .append(sqlException.getMessage().strip());
        } else {
            message.append(": ").append(e.getMessage());
        }
        message.append("\n").append(e.isExecutableInTransaction()
                ? "Its changes were rolled back: " + databaseName + " stays at the last good version."
                + " Fix the script and run the goal again."
                : "It ran outside a transaction, so part of it may have been applied and Flyway recorded it as failed."
                + " Undo its partial changes by hand, remove the failed row with Flyway's repair, fix the script and"
                + " run the goal again.");
        return new UserMistakeException(message.toString(), e);
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
