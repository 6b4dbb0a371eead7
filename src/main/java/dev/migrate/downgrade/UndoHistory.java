package dev.migrate.downgrade;

import dev.migrate.migration.internals.FlywayInternals;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How an undone version is recorded in Flyway's schema history table: one row of type {@code DELETE} with the undone
 * version, the undo script's description, name and checksum, appended after the version's own row, which stays.
 *
 * <p>Why {@code DELETE}: it is the type Flyway Community's own repair writes for an applied migration whose file is
 * gone, and Community reads it as "the latest row of this version no longer counts": {@code info} shows that row as
 * deleted and the version as pending again, {@code validate} reports nothing but the pending versions, and
 * {@code migrate} applies exactly the undone versions again and appends their rows; repair leaves it alone. Flyway
 * Teams records an undo as a row of type {@code UNDO_SQL}, which Community 13 refuses outright ("Unknown migration
 * type 'UNDO_SQL' found in schema history") in info, validate, migrate and repair alike. Deleting the version's rows
 * instead would work too but erase the fact that the version was once applied; the {@code DELETE} row keeps it, and
 * says which undo script ran, when, by whom and for how long. {@code UndoHistoryContractTest} pins all of this
 * against real Flyway.
 */
public final class UndoHistory {

    /** The history table's type of the row that records an undo. */
    public static final String UNDO_ROW_TYPE = "DELETE";

    private UndoHistory() {}

    /**
     * The statement that records the undo of {@code undo.version()}, with literals only, for a psql script as for a
     * JDBC call.
     *
     * @param historyTable  the table's name as Flyway quotes it, e.g. {@code "public"."flyway_schema_history"}
     * @param installedBy   a SQL expression of the role to record, e.g. {@code current_user} or a literal
     * @param executionTime a SQL expression of the undo's duration in milliseconds
     */
    public static String recordUndoSql(String historyTable, UndoScript undo, String installedBy, String executionTime) {
        return insert(historyTable, literal(undo.version()), UNDO_ROW_TYPE, undo, installedBy, executionTime);
    }

    /**
     * The statement that records a repeatable migration the downgrade ran again, as Flyway records a run of one:
     * type {@code SQL}, no version, its checksum after placeholder replacement. Parameters as for
     * {@link #recordUndoSql}.
     */
    public static String recordRerunSql(
            String historyTable, UndoScript repeatable, String installedBy, String executionTime) {
        return insert(historyTable, "NULL", "SQL", repeatable, installedBy, executionTime);
    }

    private static String insert(
            String historyTable,
            String version,
            String type,
            UndoScript script,
            String installedBy,
            String executionTime) {
        return "INSERT INTO " + historyTable + " (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success)"
                + " SELECT coalesce(max(installed_rank), 0) + 1, " + version + ", "
                + literal(FlywayInternals.storedDescription(script.description())) + ", " + literal(type) + ", "
                + literal(FlywayInternals.storedScript(script.script())) + ", " + script.checksum() + ", "
                + installedBy + ", " + executionTime + ", true FROM " + historyTable;
    }

    /**
     * Records the undo (or, for a script without a version, the repeatable migration run again) on {@code connection},
     * inside whatever transaction it has open, so that the script and its row commit together.
     *
     * @param installedBy the role Flyway is configured to record, or {@code null} for the connection's role
     */
    public static void recordUndo(
            Connection connection, String historyTable, UndoScript undo, String installedBy, long millis)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            String role = installedBy == null ? "current_user" : literal(installedBy);
            statement.execute(
                    undo.version() == null
                            ? recordRerunSql(historyTable, undo, role, String.valueOf(millis))
                            : recordUndoSql(historyTable, undo, role, String.valueOf(millis)));
        }
    }

    /**
     * A string literal that reads the same whether the server has {@code standard_conforming_strings} on or off: with
     * a backslash (a file name may hold one), an {@code E'...'} literal with it escaped.
     */
    static String literal(String value) {
        String quoted = "'" + value.replace("'", "''") + "'";
        return value.indexOf('\\') < 0 ? quoted : "E" + quoted.replace("\\", "\\\\");
    }
}
