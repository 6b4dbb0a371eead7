package dev.migrate.check;

import dev.migrate.downgrade.UndoScripts.UndoFile;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.migration.internals.ParsedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs one undo script's statements as Flyway runs a migration's: all in one transaction when Flyway can run the
 * script in one, else each on its own (e.g. {@code DROP INDEX CONCURRENTLY}); with Flyway's default schema first on
 * the search path; {@code COPY ... FROM STDIN} with its data.
 */
final class UndoExecution {

    private UndoExecution() {}

    /**
     * Applies the undo script; a failure is a finding naming the file, line, SQLSTATE and the server's message.
     *
     * @param defaultSchema the schema Flyway puts first on the search path, or {@code null} for none
     */
    static Optional<Finding> apply(DataSource dataSource, UndoFile undo, String defaultSchema) {
        boolean inTransaction = undo.script().executeInTransaction();
        try (Connection connection = dataSource.getConnection()) {
            setSearchPath(connection, defaultSchema);
            connection.setAutoCommit(!inTransaction);
            for (ParsedStatement statement : undo.script().statements()) {
                try {
                    statement.executeOn(connection);
                } catch (SQLException e) {
                    if (inTransaction) {
                        connection.rollback();
                    }
                    return Optional.of(failure(undo, statement, e));
                }
            }
            if (inTransaction) {
                connection.commit();
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new EnvironmentFailureException(
                    "Cannot run " + undo.script().script() + " on the throwaway database: " + e.getMessage(), e);
        }
    }

    private static void setSearchPath(Connection connection, String defaultSchema) throws SQLException {
        if (defaultSchema == null) {
            return;
        }
        try (PreparedStatement set = connection.prepareStatement(
                "SELECT set_config('search_path', quote_ident(?) || ',' || current_setting('search_path'), false)")) {
            set.setString(1, defaultSchema);
            set.execute();
        }
    }

    private static Finding failure(UndoFile undo, ParsedStatement statement, SQLException e) {
        return Finding.of(
                FindingCode.UNDO_ROUND_TRIP,
                undo.file(),
                statement.line(),
                undo.script().script() + " failed at line " + statement.line() + " (SQLSTATE " + e.getSQLState()
                        + "): " + e.getMessage()
                        + (undo.script().executeInTransaction() ? " (its changes were rolled back)." : "."),
                "Fix the undo script so that it runs on a database at version " + undo.version() + ".");
    }
}
