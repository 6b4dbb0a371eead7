package dev.migrate.drift;

import dev.migrate.error.EnvironmentFailureException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Everything in some schemas of one database, read from PostgreSQL's catalogs into a model that compares equal for
 * equal schemas, also across servers of different major versions.
 *
 * <p>What is compared, and why this and not jOOQ's {@code Meta} and {@code Meta.migrateTo} diff: jOOQ's {@code Meta}
 * (3.19) has tables, columns, keys, indexes, sequences and domains, and no functions, procedures, triggers or enum
 * values; it re-renders defaults and check constraints from its own expression model. Measured on this project's shop
 * migrations (src/test/resources/drift): of seven hand-made changes (function body, trigger, default, enum value, check
 * constraint, sequence, view) its diff found three (default, sequence, view) and missed the dropped check constraint
 * among the four others; between PostgreSQL 15 and 17 it reported an unchanged materialized view as changed; and it
 * answers with DDL, not with the object that differs. So every object here is described by PostgreSQL's own
 * deparsers, which print the same definition on both servers:
 * <ul>
 *   <li>tables (unlogged, partition key and bound); columns: type ({@code format_type}), NOT NULL, default
 *       ({@code pg_get_expr}), identity, generated; the column order is not compared (a column re-added to fix drift
 *       goes last, and nothing a migration does depends on it)</li>
 *   <li>constraints ({@code pg_get_constraintdef}; the index behind a primary key, unique or exclusion constraint is
 *       that constraint); NOT NULL is compared on the column (PostgreSQL 18 also lists it as a constraint)</li>
 *   <li>indexes ({@code pg_get_indexdef}), sequences (type, start, increment, min, max, cycle, cache; not the
 *       current value, which is data), views and materialized views ({@code pg_get_viewdef})</li>
 *   <li>functions and procedures: the signature (name and {@code pg_get_function_identity_arguments}) identifies
 *       them; result, language, volatility, strictness, security definer, SET options and body ({@code prosrc}, or
 *       the whole definition for a standard-SQL body) are compared</li>
 *   <li>triggers ({@code pg_get_triggerdef}, and whether disabled), enum values in order (each value and the one
 *       before it), domains (base type, NOT NULL, default, named constraints), extensions (name and schema; not the
 *       version)</li>
 * </ul>
 * Objects that an extension created are the extension's and are not listed. Flyway's history table is left out.
 * Grants, comments, owners, composite types, statistics and policies are not compared.
 *
 * <p>Every catalog function runs with an empty {@code search_path}, so that both servers qualify every name the same
 * way whatever the roles' settings. One more normalization was proven necessary, and only one: PostgreSQL 15
 * qualifies the columns of a single-relation view, 16 and later do not ({@link ViewDefinitions}). The tests compare
 * the real corpora (Marquez, pagila) and the purpose-built ones between PostgreSQL 15 and 17 and find them equal.
 */
public final class SchemaSnapshot {

    private static final int FIXED_COLUMNS = 4;
    private static final String DEFINITION = "definition";

    private final Map<Key, SchemaObject> objects;

    private SchemaSnapshot(Map<Key, SchemaObject> objects) {
        this.objects = objects;
    }

    /** How a snapshot orders and finds its objects: by type in report order, then by name. */
    record Key(ObjectType type, String name) implements Comparable<Key> {
        private static final Comparator<Key> ORDER =
                Comparator.comparing(Key::type).thenComparing(Key::name);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * Reads {@code schemas}, leaving out Flyway's history table and what belongs to it.
     *
     * @param historySchema the schema of Flyway's history table, as PostgreSQL spells it (unquoted)
     * @param historyTable  the name of Flyway's history table, unquoted
     */
    public static SchemaSnapshot read(
            DataSource dataSource, List<String> schemas, String historySchema, String historyTable) {
        Map<Key, SchemaObject> objects = new TreeMap<>();
        String history;
        try (Connection connection = dataSource.getConnection()) {
            prepare(connection);
            readTypes(connection, schemas, objects);
            history = qualified(connection, historySchema, historyTable);
            connection.rollback();
        } catch (SQLException e) {
            throw new EnvironmentFailureException("Cannot read the schemas " + schemas + ": " + e.getMessage(), e);
        }
        objects.values()
                .removeIf(object ->
                        object.name().equals(history) || object.parent().equals(history));
        return new SchemaSnapshot(objects);
    }

    /**
     * Reads all of {@code schemas}, Flyway's history table included, on a connection {@link #prepare prepared} by
     * the caller, who may read more of the catalog in the same transaction.
     */
    public static SchemaSnapshot read(Connection connection, List<String> schemas) throws SQLException {
        Map<Key, SchemaObject> objects = new TreeMap<>();
        readTypes(connection, schemas, objects);
        return new SchemaSnapshot(objects);
    }

    /**
     * Starts a read-only transaction with an empty search path, so that every catalog function qualifies every name,
     * the same way whatever the role's settings.
     */
    public static void prepare(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL search_path = ''");
        }
    }

    private static void readTypes(Connection connection, List<String> schemas, Map<Key, SchemaObject> into)
            throws SQLException {
        Array schemaNames = connection.createArrayOf("text", schemas.toArray());
        for (ObjectType type : ObjectType.values()) {
            readType(connection, type, schemaNames, into);
        }
    }

    /** The table's name as the snapshot writes it, quoted by PostgreSQL's own rules. */
    private static String qualified(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT quote_ident(?) || '.' || quote_ident(?)")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet name = statement.executeQuery()) {
                name.next();
                return name.getString(1);
            }
        }
    }

    private static void readType(Connection connection, ObjectType type, Array schemas, Map<Key, SchemaObject> into)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CatalogQueries.of(type))) {
            statement.setArray(1, schemas);
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData columns = rows.getMetaData();
                while (rows.next()) {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int column = FIXED_COLUMNS + 1; column <= columns.getColumnCount(); column++) {
                        attributes.put(columns.getColumnLabel(column), rows.getString(column));
                    }
                    if (type == ObjectType.VIEW || type == ObjectType.MATERIALIZED_VIEW) {
                        attributes.computeIfPresent(
                                DEFINITION, (name, definition) -> ViewDefinitions.normalized(definition));
                    }
                    SchemaObject object = new SchemaObject(
                            type,
                            rows.getString("name"),
                            rows.getString("parent"),
                            rows.getString("local"),
                            rows.getString("create_sql"),
                            attributes);
                    into.put(new Key(type, object.name()), object);
                }
            }
        }
    }

    /** Every object, by type in report order, then by name. */
    public List<SchemaObject> objects() {
        return List.copyOf(objects.values());
    }

    SchemaObject find(Key key) {
        return objects.get(key);
    }

    Iterable<Key> keys() {
        return objects.keySet();
    }

    /** The objects that belong to {@code parent}, e.g. a table's columns, constraints, indexes and triggers. */
    List<SchemaObject> children(String parent) {
        return objects.values().stream()
                .filter(object -> object.parent().equals(parent))
                .toList();
    }
}
