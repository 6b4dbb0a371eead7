package dev.migrate.migration;

import dev.migrate.error.EnvironmentFailureException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * How many objects of each kind schemas hold, read from pg_catalog: what a clean is about to drop, since Flyway
 * reports only the schemas. Objects that belong to an extension are counted with the extension, not on their own.
 */
final class SchemaObjects {

    private static final String COUNT = """
            SELECT n.nspname, o.kind, count(*)
            FROM (
              SELECT c.relnamespace AS ns, c.oid, 'pg_class'::regclass AS catalog,
                     CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                                    WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' ELSE 'table' END AS kind
              FROM pg_class c WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
              UNION ALL
              SELECT p.pronamespace, p.oid, 'pg_proc'::regclass,
                     CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END
              FROM pg_proc p
              UNION ALL
              SELECT t.typnamespace, t.oid, 'pg_type'::regclass,
                     CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END
              FROM pg_type t
              WHERE t.typtype IN ('e', 'd', 'r')
                 OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
            ) o JOIN pg_namespace n ON n.oid = o.ns
            WHERE n.nspname = ANY (?)
              AND NOT EXISTS (SELECT 1 FROM pg_depend d
                              WHERE d.classid = o.catalog AND d.objid = o.oid AND d.deptype = 'e')
            GROUP BY n.nspname, o.kind
            ORDER BY n.nspname, o.kind""";

    private SchemaObjects() {}

    /** Per schema, e.g. {@code "2 tables, 1 sequence, 1 view"}; a schema without objects maps to "no objects". */
    static Map<String, String> count(DataSource dataSource, List<String> schemas) {
        Map<String, StringBuilder> counts = new LinkedHashMap<>();
        schemas.forEach(schema -> counts.put(schema, new StringBuilder()));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(COUNT)) {
            Array names = connection.createArrayOf("text", schemas.toArray());
            query.setArray(1, names);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    StringBuilder line = counts.get(rows.getString(1));
                    int count = rows.getInt(3);
                    line.append(line.isEmpty() ? "" : ", ")
                            .append(count)
                            .append(' ')
                            .append(rows.getString(2))
                            .append(count == 1 ? "" : "s");
                }
            }
        } catch (SQLException e) {
            throw new EnvironmentFailureException(
                    "Cannot list the objects in schemas " + schemas + ": " + e.getMessage(), e);
        }
        Map<String, String> result = new LinkedHashMap<>();
        counts.forEach((schema, line) -> result.put(schema, line.isEmpty() ? "no objects" : line.toString()));
        return result;
    }
}
