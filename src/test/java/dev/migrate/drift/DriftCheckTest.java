package dev.migrate.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.database.OpenDatabase;
import dev.migrate.drift.Drift.Kind;
import dev.migrate.error.Action;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-made changes on a database the shop migrations built are each reported as exactly that change, and the hint
 * removes it.
 */
class DriftCheckTest {

    static final MigrationSettings SHOP = DriftDatabases.resources("drift", Map.of());

    static Stream<Arguments> handMadeChanges() {
        return Stream.of(
                change(
                        "ALTER TABLE orders ADD COLUMN discount integer",
                        Kind.ADDED,
                        ObjectType.COLUMN,
                        "public.orders.discount"),
                change(
                        "ALTER TABLE customers DROP COLUMN created_at",
                        Kind.REMOVED,
                        ObjectType.COLUMN,
                        "public.customers.created_at"),
                change(
                        "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint",
                        Kind.CHANGED,
                        ObjectType.COLUMN,
                        "public.orders.quantity"),
                change(
                        "ALTER TABLE orders ALTER COLUMN quantity SET DEFAULT 2",
                        Kind.CHANGED,
                        ObjectType.COLUMN,
                        "public.orders.quantity"),
                change("DROP INDEX orders_customer", Kind.REMOVED, ObjectType.INDEX, "public.orders_customer"),
                change("CREATE INDEX orders_note ON orders (note)", Kind.ADDED, ObjectType.INDEX, "public.orders_note"),
                change(
                        "CREATE OR REPLACE FUNCTION order_touched() RETURNS trigger LANGUAGE plpgsql AS $$"
                                + " BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END; $$",
                        Kind.CHANGED,
                        ObjectType.FUNCTION,
                        "public.order_touched()"),
                change(
                        "ALTER TYPE mood ADD VALUE 'ecstatic'",
                        Kind.ADDED,
                        ObjectType.ENUM_VALUE,
                        "public.mood.'ecstatic'"),
                change(
                        "ALTER TABLE orders DROP CONSTRAINT quantity_positive",
                        Kind.REMOVED,
                        ObjectType.CONSTRAINT,
                        "public.orders.quantity_positive"),
                change(
                        "CREATE TABLE audit (id bigserial PRIMARY KEY, what text NOT NULL)",
                        Kind.ADDED,
                        ObjectType.TABLE,
                        "public.audit"),
                change(
                        "CREATE OR REPLACE VIEW big_orders AS SELECT o.id, c.email, o.total FROM orders o"
                                + " JOIN customers c ON c.id = o.customer_id WHERE o.total > 1000",
                        Kind.CHANGED,
                        ObjectType.VIEW,
                        "public.big_orders"),
                change(
                        "DROP TRIGGER orders_touched ON orders",
                        Kind.REMOVED,
                        ObjectType.TRIGGER,
                        "public.orders.orders_touched"),
                change(
                        "ALTER SEQUENCE invoice_numbers INCREMENT BY 10",
                        Kind.CHANGED,
                        ObjectType.SEQUENCE,
                        "public.invoice_numbers"),
                // beyond the list: what belongs to a missing relation is in its finding and its hint
                change(
                        "DROP MATERIALIZED VIEW orders_per_customer",
                        Kind.REMOVED,
                        ObjectType.MATERIALIZED_VIEW,
                        "public.orders_per_customer"),
                change(
                        "ALTER TABLE orders ALTER COLUMN note SET NOT NULL",
                        Kind.CHANGED,
                        ObjectType.COLUMN,
                        "public.orders.note"),
                change("CREATE EXTENSION hstore", Kind.ADDED, ObjectType.EXTENSION, "hstore"));
    }

    private static Arguments change(String sql, Kind kind, ObjectType type, String name) {
        return Arguments.of(sql, kind, type, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handMadeChanges")
    void eachHandMadeChangeIsReportedAsExactlyThatChangeAndItsHintRemovesIt(
            String sql, Kind kind, ObjectType type, String name) {
        try (OpenDatabase target = DriftDatabases.migrated(TestPostgres.server(), SHOP)) {
            TestPostgres.execute(target.dataSource(), sql);

            List<Drift> drifts = check(target);

            assertEquals(1, drifts.size(), drifts.toString());
            Drift drift = drifts.get(0);
            assertEquals(
                    List.of(kind, type, name),
                    List.of(drift.kind(), drift.objectType(), drift.name()),
                    drift.toString());
            if (type != ObjectType.ENUM_VALUE) { // PostgreSQL cannot drop an enum value: the hint says so
                TestPostgres.execute(target.dataSource(), drift.hint());
                assertEquals(List.of(), check(target), "after the hint " + drift.hint());
            }
        }
    }

    @Test
    void aChangedColumnTypeSaysFromWhatToWhat() {
        try (OpenDatabase target = DriftDatabases.migrated(TestPostgres.server(), SHOP)) {
            TestPostgres.execute(target.dataSource(), "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint");

            assertEquals(
                    "changed column public.orders.quantity: type integer -> bigint",
                    check(target).get(0).summary());
        }
    }

    /** Findings come by object type in report order, then by name, whatever order the changes were made in. */
    @Test
    void severalChangesAreListedInAStableOrder() {
        try (OpenDatabase target = DriftDatabases.migrated(TestPostgres.server(), SHOP)) {
            TestPostgres.execute(target.dataSource(), "DROP TRIGGER orders_touched ON orders");
            TestPostgres.execute(target.dataSource(), "CREATE INDEX orders_note ON orders (note)");
            TestPostgres.execute(target.dataSource(), "ALTER TABLE orders ADD COLUMN b integer, ADD COLUMN a integer");

            assertEquals(
                    List.of(
                            "added column public.orders.a", "added column public.orders.b",
                            "added index public.orders_note", "removed trigger public.orders.orders_touched"),
                    check(target).stream().map(Drift::summary).toList());
        }
    }

    /**
     * The names the catalog prints depend on the search path (a DBA's {@code ALTER DATABASE ... SET search_path}): the
     * snapshot reads with an empty one.
     */
    @Test
    void aTargetWhoseSearchPathDiffersHasNoDrift() {
        MigrationSettings inPublic = inSchema("public");
        try (OpenDatabase target = DriftDatabases.migrated(TestPostgres.server(), inPublic)) {
            TestPostgres.execute(
                    target.dataSource(),
                    "DO $$ BEGIN EXECUTE format("
                            + "'ALTER DATABASE %I SET search_path = pg_catalog', current_database()); END $$");

            assertEquals(
                    List.of(),
                    DriftCheck.run(
                            target,
                            inPublic,
                            DriftDatabases.throwawaysOn(TestPostgres.server(), new ArrayList<>()),
                            TestPostgres.quietLog()));
        }
    }

    /** Flyway's {@code <schemas>}: what is compared, and where the history table is, come from them. */
    @Test
    void inConfiguredSchemasOtherThanPublic() {
        MigrationSettings inShop =
                new MigrationSettings(SHOP.locations(), List.of("shop"), Map.of(), Map.of(), null, SHOP.classLoader());
        try (OpenDatabase target = DriftDatabases.migrated(TestPostgres.server(), inShop)) {
            TestPostgres.execute(target.dataSource(), "ALTER TABLE shop.orders ADD COLUMN discount integer");

            List<Drift> drifts = DriftCheck.run(
                    target,
                    inShop,
                    DriftDatabases.throwawaysOn(TestPostgres.server(), new ArrayList<>()),
                    TestPostgres.quietLog());

            assertEquals(
                    List.of("added column shop.orders.discount"),
                    drifts.stream().map(Drift::summary).toList());
        }
    }

    @Test
    void aDatabaseWithoutHistoryIsRefusedNamingTheNextStep() {
        try (OpenDatabase empty = TestPostgres.openNewDatabase()) {
            UserMistakeException refused = assertThrows(UserMistakeException.class, () -> check(empty));
            assertTrue(refused.getMessage().contains("no migration applied"), refused.getMessage());
            assertEquals(Optional.of(new Suggestion.Run(Action.UPGRADE)), refused.suggestion());
        }
    }

    private static MigrationSettings inSchema(String schema) {
        return new MigrationSettings(SHOP.locations(), List.of(schema), Map.of(), Map.of(), null, SHOP.classLoader());
    }

    private static List<Drift> check(OpenDatabase target) {
        List<String> asked = new ArrayList<>();
        List<Drift> drifts = DriftCheck.run(
                target, SHOP, DriftDatabases.throwawaysOn(TestPostgres.server(), asked), TestPostgres.quietLog());
        assertEquals(List.of("17"), asked, "the throwaway's major version is the target's");
        return drifts;
    }
}
