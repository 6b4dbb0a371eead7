package dev.migrate.migration.internals;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * One statement of a migration, as Flyway's parser split it.
 *
 * @param line          the line in the script where it starts
 * @param sql           its text, placeholders replaced, without the delimiter
 * @param transactional whether Flyway can run it inside a transaction
 * @param copyData      the rows of a {@code COPY ... FROM STDIN}, or {@code null} for any other statement
 */
public record ParsedStatement(int line, String sql, boolean transactional, String copyData) {

    /**
     * Runs the statement on {@code connection}, in whatever transaction it is in: a {@code COPY ... FROM STDIN} with
     * its rows through PostgreSQL's copy API, any other statement as PostgreSQL's SQL, without JDBC escapes.
     */
    public void executeOn(Connection connection) throws SQLException {
        if (copyData == null) {
            try (Statement statement = connection.createStatement()) {
                statement.setEscapeProcessing(false);
                statement.execute(sql);
            }
            return;
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(copyData));
        } catch (IOException e) {
            throw new SQLException("Cannot send the rows of " + sql + ": " + e.getMessage(), e);
        }
    }
}
