package dev.migrate.codegen.incremental;

import dev.migrate.digest.Sha256;
import dev.migrate.drift.SchemaObject;
import dev.migrate.drift.SchemaSnapshot;
import dev.migrate.error.EnvironmentFailureException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.sql.DataSource;

/**
 * The digest of everything in a database that jOOQ's generator can read, so that a migration that changes none of it
 * (new rows, a new grant, a function's body rewritten the same way) keeps the classes generated before it.
 *
 * <p>It covers every schema but PostgreSQL's own, a superset of what any {@code <database>} includes and excludes
 * select: equal digests prove that jOOQ would read the same catalog, at the price of regenerating for a change
 * jOOQ is told to exclude. Digested: every object {@link SchemaSnapshot} describes, Flyway's history table included
 * (its shape, not its rows); the columns of every relation and composite type in their order with their types, which
 * decide the order of the generated fields; and every comment, which jOOQ copies into Javadoc.
 */
public final class CatalogDigest {

    private static final String USER_SCHEMAS = """
            SELECT nspname FROM pg_namespace
            WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'
            ORDER BY nspname
            """;

    private static final String COLUMNS_IN_ORDER = """
            SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ' ' || c.relkind::text || ' ('
                       || string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', '
                                     ORDER BY a.attnum) || ')'
            FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = ANY (?)
            GROUP BY n.nspname, c.relname, c.relkind
            ORDER BY 1
            """;

    /**
     * Identifying the thousands of comments PostgreSQL ships on its own objects takes most of the query: only the
     * objects a user created have an OID from 16384 (FirstNormalObjectId) on, and schemas, as {@code public} does not.
     */
    private static final String COMMENTS = """
            SELECT o.type || ' ' || o.identity || ' ' || d.description
            FROM pg_description d CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o
            WHERE (d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass)
                AND coalesce(o.schema, o.identity) = ANY (?)
            ORDER BY 1
            """;

    private CatalogDigest() {}

    /** The SHA-256, in hex, of the catalog jOOQ can read in the database behind {@code dataSource}. */
    public static String of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            SchemaSnapshot.prepare(connection);
            List<String> schemas = userSchemas(connection);
            MessageDigest digest = Sha256.newDigest();
            for (SchemaObject object : SchemaSnapshot.read(connection, schemas).objects()) {
                update(digest, object.type() + " " + object.name() + " " + object.parent() + " " + object.attributes());
            }
            for (String line : lines(connection, COLUMNS_IN_ORDER, schemas)) {
                update(digest, line);
            }
            for (String line : lines(connection, COMMENTS, schemas)) {
                update(digest, line);
            }
            connection.rollback();
            return HexFormat.of().formatHex(digest.digest());
        } catch (SQLException e) {
            throw new EnvironmentFailureException("Cannot read the catalog jOOQ generates from: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} (a jOOQ generation) and returns the digest of the catalog, read meanwhile on a second thread
     * and connection. When {@code work} fails, its failure is thrown, after the reading has ended: its connection goes
     * before the database does, as a throwaway one is dropped next.
     */
    public static String readWhile(DataSource dataSource, Runnable work) {
        FutureTask<String> digest = new FutureTask<>(() -> of(dataSource));
        Thread reader = new Thread(digest, "migrate-catalog-digest");
        reader.setDaemon(true);
        reader.start();
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            awaitQuietly(digest);
            throw e;
        }
        return await(digest);
    }

    private static String await(FutureTask<String> digest) {
        try {
            return digest.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure
                    ? failure
                    : new EnvironmentFailureException("Cannot read the catalog: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailureException("Interrupted while reading the catalog", e);
        }
    }

    private static void awaitQuietly(FutureTask<String> digest) {
        try {
            digest.get();
        } catch (ExecutionException e) {
            // the work's failure is the one to report
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void update(MessageDigest digest, String line) {
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static List<String> userSchemas(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return firstColumn(statement.executeQuery(USER_SCHEMAS));
        }
    }

    /** The first column of every row of {@code query}, whose one parameter is the schemas. */
    private static List<String> lines(Connection connection, String query, List<String> schemas) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            return firstColumn(statement.executeQuery());
        }
    }

    private static List<String> firstColumn(ResultSet query) throws SQLException {
        try (ResultSet rows = query) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
