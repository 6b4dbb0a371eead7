package dev.migrate.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.database.OpenDatabase;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An undrifted database reports nothing: the real corpora and the purpose-built ones, migrated by Flyway on a
 * PostgreSQL 15 server and compared with the same migrations on a PostgreSQL 17 throwaway (the plugin's default
 * embedded version), so that nothing a catalog prints differently between the two reads as drift.
 */
class DriftAcrossVersionsTest {

    @Test
    void marquezOn15EqualsMarquezOn17() {
        assertNoDriftAcrossVersions(DriftDatabases.corpus("marquez"));
    }

    @Test
    void pagilaOn15EqualsPagilaOn17() {
        assertNoDriftAcrossVersions(DriftDatabases.corpus("pagila"));
    }

    @Test
    void offlineCorpusOn15EqualsOfflineCorpusOn17() {
        assertNoDriftAcrossVersions(DriftDatabases.resources("offline-corpus", Map.of("tenant", "acme")));
    }

    @Test
    void shopOn15EqualsShopOn17() {
        assertNoDriftAcrossVersions(DriftCheckTest.SHOP);
    }

    /** The plugin's own path: the throwaway is of the target's major version, here 15. */
    @Test
    void shopOn15ComparedOnAThrowaway15() {
        List<String> asked = new ArrayList<>();
        try (OpenDatabase target = DriftDatabases.migrated(TestPostgres.version15(), DriftCheckTest.SHOP)) {
            List<Drift> drifts = DriftCheck.run(
                    target,
                    DriftCheckTest.SHOP,
                    DriftDatabases.throwawaysOn(TestPostgres.version15(), asked),
                    TestPostgres.quietLog());

            assertEquals(List.of(), drifts);
        }
        assertEquals(List.of("15"), asked);
    }

    private static void assertNoDriftAcrossVersions(MigrationSettings migrations) {
        List<String> asked = new ArrayList<>();
        try (OpenDatabase target = DriftDatabases.migrated(TestPostgres.version15(), migrations)) {
            List<Drift> drifts = DriftCheck.run(
                    target,
                    migrations,
                    DriftDatabases.throwawaysOn(TestPostgres.server(), asked),
                    TestPostgres.quietLog());

            assertEquals(
                    List.of(),
                    drifts,
                    () -> drifts.stream().map(Drift::toString).reduce("", String::concat));
        }
        assertEquals(List.of("15"), asked);
    }
}
