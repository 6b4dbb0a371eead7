package dev.migrate.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;

/** Flyway's schema history table of one configured Flyway, named as SQL names it. */
public final class HistoryTable {

    private HistoryTable() {}

    /**
     * The table's name with its schema, quoted as Flyway quotes it, e.g. {@code "public"."flyway_schema_history"}.
     * Flyway keeps the table in the default schema, else the first of the schemas, else the connection's schema.
     */
    static String qualifiedName(Flyway flyway, DataSource dataSource) {
        return quote(schema(flyway, dataSource)) + "."
                + quote(flyway.getConfiguration().getTable());
    }

    /** The schema that holds the table: Flyway's default schema, else the first of its schemas, else the current. */
    public static String schema(Flyway flyway, DataSource dataSource) {
        Configuration configuration = flyway.getConfiguration();
        String schema = configuration.getDefaultSchema();
        if (schema == null) {
            schema = configuration.getSchemas().length > 0 ? configuration.getSchemas()[0] : currentSchema(dataSource);
        }
        return schema;
    }

    /** The statement that deletes the failed rows, which stop every later migrate, as Flyway's repair would. */
    static String deleteFailedRows(String qualifiedName) {
        return "DELETE FROM " + qualifiedName + " WHERE NOT success;";
    }

    private static String currentSchema(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet schema = statement.executeQuery("SELECT current_schema()")) {
            schema.next();
            return schema.getString(1);
        } catch (SQLException e) {
            // the advice is still right for the usual setup
            return "public";
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
