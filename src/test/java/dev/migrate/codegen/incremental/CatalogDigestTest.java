package dev.migrate.codegen.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.migrate.database.OpenDatabase;
import dev.migrate.drift.SchemaDiff;
import dev.migrate.drift.SchemaSnapshot;
import dev.migrate.testing.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the catalog digest sees: every change jOOQ's generated classes reflect, and none of the changes they do not.
 * Each case runs its change on a database made by the same setup and compares the digests before and after.
 */
class CatalogDigestTest {

    private static final String SETUP = """
            CREATE TYPE money_amount AS (amount NUMERIC(10, 2), currency TEXT);
            CREATE TYPE address AS (street TEXT, city TEXT);
            CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, placed_at TIMESTAMPTZ NOT NULL, note TEXT);
            CREATE SCHEMA billing;
            CREATE TABLE billing.invoices (id BIGINT PRIMARY KEY, total money_amount);
            """;

    @Test
    void rowsGrantsAndSequenceValuesAreNotWhatJooqReads() {
        assertEquals(digestAfter(""), digestAfter("""
                        INSERT INTO orders (placed_at) VALUES (now()), (now());
                        INSERT INTO billing.invoices VALUES (1, ROW(9.99, 'EUR'));
                        GRANT SELECT ON orders TO PUBLIC;
                        ANALYZE orders;
                        """));
    }

    @Test
    void theOrderOfColumnsIsWhatJooqReadsThoughDriftDoesNotCompareIt() {
        String reordered = "ALTER TABLE orders DROP COLUMN placed_at;"
                + " ALTER TABLE orders ADD COLUMN placed_at TIMESTAMPTZ NOT NULL;";

        assertNotEquals(digestAfter(""), digestAfter(reordered));
        assertEquals(List.of(), driftBetween("", reordered));
    }

    @Test
    void commentsAreWhatJooqReads() {
        assertNotEquals(digestAfter(""), digestAfter("COMMENT ON COLUMN orders.note IS 'Shown to the customer';"));
        assertNotEquals(digestAfter(""), digestAfter("COMMENT ON SCHEMA billing IS 'Invoices';"));
        // public comes with the cluster, so its OID is one of PostgreSQL's own
        assertNotEquals(digestAfter(""), digestAfter("COMMENT ON SCHEMA public IS 'The shop';"));
    }

    @Test
    void compositeTypesAreWhatJooqReads() {
        assertNotEquals(digestAfter(""), digestAfter("ALTER TYPE address ALTER ATTRIBUTE city TYPE VARCHAR(80);"));
    }

    @Test
    void tablesInEverySchemaAreWhatJooqReads() {
        assertNotEquals(digestAfter(""), digestAfter("ALTER TABLE billing.invoices ADD COLUMN paid BOOLEAN;"));
    }

    private static String digestAfter(String change) {
        try (OpenDatabase database = TestPostgres.openNewDatabase()) {
            TestPostgres.execute(database.dataSource(), SETUP + change);
            return CatalogDigest.of(database.dataSource());
        }
    }

    private static List<?> driftBetween(String change, String otherChange) {
        try (OpenDatabase one = TestPostgres.openNewDatabase();
                OpenDatabase other = TestPostgres.openNewDatabase()) {
            TestPostgres.execute(one.dataSource(), SETUP + change);
            TestPostgres.execute(other.dataSource(), SETUP + otherChange);
            List<String> schemas = List.of("public", "billing");
            return SchemaDiff.between(
                    SchemaSnapshot.read(one.dataSource(), schemas, "public", "flyway_schema_history"),
                    SchemaSnapshot.read(other.dataSource(), schemas, "public", "flyway_schema_history"));
        }
    }
}
