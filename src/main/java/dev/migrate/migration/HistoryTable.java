package dev.migrate.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
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
    public static String qualifiedName(Flyway flyway, DataSource dataSource) {
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

    /** Whether the table exists on the database. */
    static boolean exists(DataSource dataSource, String qualifiedName) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, qualifiedName);
            try (ResultSet row = exists.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /** Every row of the table by its rank, or none when there is no table. */
    static Map<Integer, HistoryRow> rows(DataSource dataSource, String qualifiedName) throws SQLException {
        Map<Integer, HistoryRow> rows = new LinkedHashMap<>();
        if (!exists(dataSource, qualifiedName)) {
            return rows;
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT installed_rank, version, description, type, script,"
                        + " checksum, success FROM " + qualifiedName + " ORDER BY installed_rank")) {
            while (row.next()) {
                rows.put(
                        row.getInt(1),
                        new HistoryRow(
                                row.getString(2),
                                row.getString(3),
                                row.getString(4),
                                row.getString(5),
                                (Integer) row.getObject(6),
                                row.getBoolean(7)));
            }
        }
        return rows;
    }

    /** The statement that deletes the failed rows, which stop every later migrate, as Flyway's repair would. */
    static String deleteFailedRows(String qualifiedName) {
        return "DELETE FROM " + qualifiedName + " WHERE NOT success;";
    }

    static String currentSchema(DataSource dataSource) {
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
