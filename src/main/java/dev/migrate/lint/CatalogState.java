package dev.migrate.lint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The user objects of a database at one moment, read from its catalog: what the rules compare before and after a
 * statement. Objects are keyed by oid, which a rename keeps and a drop and re-create changes.
 *
 * @param relations   tables, partitioned tables, materialized views and indexes, by oid
 * @param columns     the columns of tables, by table oid and column number
 * @param constraints constraints on tables, by oid
 * @param schemas     schemas, by oid
 * @param types       enums, domains, ranges and free-standing composite types, by oid
 */
record CatalogState(
        Map<Long, Relation> relations,
        Map<ColumnKey, Column> columns,
        Map<Long, Constraint> constraints,
        Map<Long, Schema> schemas,
        Map<Long, UserType> types) {

    private static final String USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    private static final String RELATIONS = "SELECT c.oid, c.relfilenode, c.relkind, n.nspname, c.relname,"
            + " coalesce(i.indrelid, 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_index i ON i.indexrelid = c.oid WHERE c.relkind IN ('r', 'p', 'm', 'i', 'I') AND "
            + USER_SCHEMA;

    private static final String COLUMNS = "SELECT a.attrelid, a.attnum, a.attname, a.atttypid, a.atttypmod,"
            + " a.attnotnull, format_type(a.atttypid, a.atttypmod),"
            // serial: a sequence the column owns by an automatic dependency (an identity column's is internal)
            + " EXISTS (SELECT 1 FROM pg_depend d JOIN pg_class s ON s.oid = d.objid"
            + " WHERE d.classid = 'pg_class'::regclass AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum"
            + " AND d.deptype = 'a' AND s.relkind = 'S'),"
            // what fills the column in rows that exist when it is added
            + " a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '' FROM pg_attribute a"
            + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND " + USER_SCHEMA;

    private static final String CONSTRAINTS = "SELECT o.oid, o.conrelid, o.confrelid, o.contype, o.convalidated,"
            + " o.conindid, o.conname,"
            // deparsing every constraint after every statement costs more than the rest of the catalog: a CHECK's
            // text is needed (the rules match it), for the others the catalog columns that make the definition do
            + " CASE WHEN o.contype = 'c' THEN pg_get_constraintdef(o.oid) ELSE concat_ws(' ', o.contype, o.conkey,"
            + " o.confrelid, o.confkey, o.confupdtype, o.confdeltype, o.confmatchtype, o.conexclop,"
            + " o.condeferrable, o.condeferred) END"
            + " FROM pg_constraint o JOIN pg_namespace n ON n.oid = o.connamespace"
            + " WHERE o.conrelid <> 0 AND " + USER_SCHEMA;

    private static final String SCHEMAS = "SELECT n.oid, n.nspname FROM pg_namespace n WHERE " + USER_SCHEMA;

    private static final String TYPES = "SELECT t.oid, n.nspname, t.typname,"
            + " (SELECT count(*) FROM pg_enum e WHERE e.enumtypid = t.oid) FROM pg_type t"
            + " JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_class c ON c.oid = t.typrelid"
            + " WHERE (t.typtype IN ('e', 'd', 'r') OR c.relkind = 'c') AND " + USER_SCHEMA;

    /** A relation: {@code kind} is pg_class.relkind, {@code table} the indexed table of an index, else 0. */
    record Relation(long oid, long fileNode, char kind, String schema, String name, long table) {

        String qualifiedName() {
            return schema + "." + name;
        }

        boolean isTable() {
            return kind == 'r' || kind == 'p';
        }

        /** A table or a materialized view: what queries read, and wait for while it is locked. */
        boolean isQueried() {
            return isTable() || kind == 'm';
        }

        boolean isIndex() {
            return kind == 'i' || kind == 'I';
        }

        /** Whether PostgreSQL replaced this relation's files by {@code later}: it rewrote it. */
        boolean rewrittenBy(CatalogState later) {
            Relation now = later.relations().get(oid);
            return now != null && fileNode != 0 && now.fileNode() != fileNode;
        }
    }

    record Schema(long oid, String name) {}

    record ColumnKey(long table, int number) {}

    /**
     * A column with its type as pg_attribute has it and as format_type prints it; {@code serial} when its default
     * comes from a sequence it owns, as serial and bigserial make it; {@code valued} when existing rows get a value as
     * it is added: a default, an identity or a generated expression.
     */
    record Column(
            ColumnKey key,
            String name,
            long type,
            int typeModifier,
            boolean notNull,
            String typeName,
            boolean serial,
            boolean valued) {}

    /**
     * A constraint: {@code type} is pg_constraint.contype; {@code index} the index it is built on, or 0;
     * {@code definition} that of a CHECK as PostgreSQL prints it, e.g. {@code CHECK ((note IS NOT NULL))}, and for
     * the other kinds the catalog columns that define them (columns, referenced table and columns, actions): equal
     * for equal definitions.
     */
    record Constraint(
            long oid,
            long table,
            long referenced,
            char type,
            boolean validated,
            long index,
            String name,
            String definition) {}

    /** A type of the user's, with its number of enum values (0 for other kinds). */
    record UserType(long oid, String schema, String name, long enumValues) {

        String qualifiedName() {
            return schema + "." + name;
        }
    }

    /** The queries {@link #read} reads the results of, in their order. */
    static final List<String> QUERIES = List.of(RELATIONS, COLUMNS, CONSTRAINTS, SCHEMAS, TYPES);

    /** The catalog from the results of {@link #QUERIES}, which {@code results} hands out one after the other. */
    static CatalogState read(Results results) throws SQLException {
        return new CatalogState(
                rows(
                        results.next(),
                        Relation::oid,
                        rows -> new Relation(
                                rows.getLong(1),
                                rows.getLong(2),
                                rows.getString(3).charAt(0),
                                rows.getString(4),
                                rows.getString(5),
                                rows.getLong(6))),
                rows(
                        results.next(),
                        Column::key,
                        rows -> new Column(
                                new ColumnKey(rows.getLong(1), rows.getInt(2)),
                                rows.getString(3),
                                rows.getLong(4),
                                rows.getInt(5),
                                rows.getBoolean(6),
                                rows.getString(7),
                                rows.getBoolean(8),
                                rows.getBoolean(9))),
                rows(
                        results.next(),
                        Constraint::oid,
                        rows -> new Constraint(
                                rows.getLong(1),
                                rows.getLong(2),
                                rows.getLong(3),
                                rows.getString(4).charAt(0),
                                rows.getBoolean(5),
                                rows.getLong(6),
                                rows.getString(7),
                                rows.getString(8))),
                rows(results.next(), Schema::oid, rows -> new Schema(rows.getLong(1), rows.getString(2))),
                rows(
                        results.next(),
                        UserType::oid,
                        rows -> new UserType(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4))));
    }

    /** The results of several queries sent at once, one after the other. */
    interface Results {
        ResultSet next() throws SQLException;
    }

    /** Reads one row of a result. */
    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <K, T> Map<K, T> rows(ResultSet result, Function<T, K> key, Row<T> row) throws SQLException {
        Map<K, T> read = new HashMap<>();
        try (ResultSet rows = result) {
            while (rows.next()) {
                T value = row.read(rows);
                read.put(key.apply(value), value);
            }
        }
        return read;
    }
}
