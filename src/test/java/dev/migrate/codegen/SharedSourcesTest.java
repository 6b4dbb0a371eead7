package dev.migrate.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.codegen.incremental.GeneratedSourcesCache;
import dev.migrate.codegen.incremental.SchemaCache;
import dev.migrate.connection.ConnectionSettings;
import dev.migrate.database.ThrowawayDatabase;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.preload.LibraryLoader;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated sources shared by every checkout through the cache in the local repository. */
class SharedSourcesTest {

    private static final String OUTPUT = "target/generated-sources/jooq";

    @TempDir
    Path firstCheckout;

    @TempDir
    Path secondCheckout;

    @TempDir
    Path localRepository;

    private GeneratedSourcesCache cache() {
        return new GeneratedSourcesCache(localRepository.resolve("generated"), 500L * 1024 * 1024);
    }

    @Test
    void aFreshCheckoutRestoresTheSameBytesAsAGenerationWithoutAnyDatabase(@TempDir Path uncached) throws IOException {
        generateOnTestServer(firstCheckout, Optional.of(cache()), false, new CapturingLog());
        assertEquals(1, entries().size());

        CapturingLog log = new CapturingLog();
        generateWithoutDatabase(secondCheckout, log);

        assertTrue(
                log.text()
                        .matches("(?s).*INFO Restored jOOQ classes from the shared cache \\(key [0-9a-f]{12}\\): \\d+"
                                + " files, \\d+ written, 0 removed \\(\\d+ ms\\), no database needed.*"),
                log.text());
        assertFalse(log.text().contains("Generating"), log.text());
        generateOnTestServer(uncached, Optional.empty(), false, new CapturingLog());
        Map<Path, String> generated = hexContents(uncached);
        assertEquals(generated, hexContents(secondCheckout));
        assertTrue(generated.size() > 5, generated.keySet().toString());

        CapturingLog next = new CapturingLog();
        generateWithoutDatabase(secondCheckout, next);
        assertTrue(next.text().startsWith("INFO jOOQ classes are up to date"), next.text());
    }

    @Test
    void aChangedMigrationIsNotRestoredFromTheEntryOfTheOldOne() throws IOException {
        generateOnTestServer(firstCheckout, Optional.of(cache()), false, new CapturingLog());
        writeMigrations(secondCheckout);
        Files.writeString(
                secondCheckout.resolve("migrations/V2__create_orders.sql"),
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, note TEXT);");

        CapturingLog log = new CapturingLog();
        generateOnTestServer(secondCheckout, Optional.of(cache()), false, log);

        assertTrue(log.text().contains("Generating jOOQ classes: no fingerprint"), log.text());
        assertFalse(log.text().contains("Restored"), log.text());
        assertEquals(2, entries().size());
    }

    @Test
    void aDamagedEntryIsSaidInOneLineDeletedAndGeneratedAgain() throws IOException {
        generateOnTestServer(firstCheckout, Optional.of(cache()), false, new CapturingLog());
        Path entry = entries().get(0);
        Path users = entry.resolve("files/com/example/db/tables/Users.java");
        Files.writeString(users, Files.readString(users).replace("email", "e_mail"));

        CapturingLog log = new CapturingLog();
        generateOnTestServer(secondCheckout, Optional.of(cache()), false, log);

        assertEquals(
                1,
                log.lines().stream()
                        .filter(line -> line.contains("are damaged"))
                        .count(),
                log.text());
        assertTrue(
                log.text()
                        .contains("INFO The cached jOOQ classes " + entry + " are damaged (its files do not match"
                                + " their digest); deleting them and generating"),
                log.text());
        assertTrue(log.text().contains("Generating jOOQ classes"), log.text());
        assertTrue(Files.readString(secondCheckout.resolve(OUTPUT + "/com/example/db/tables/Users.java"))
                .contains("EMAIL"));
        assertFalse(Files.readString(users).contains("e_mail"), "stored again after the generation");
    }

    @Test
    void forceGeneratesAgainAndReplacesTheEntry(@TempDir Path thirdCheckout) throws IOException {
        generateOnTestServer(firstCheckout, Optional.of(cache()), false, new CapturingLog());
        Path users = entries().get(0).resolve("files/com/example/db/tables/Users.java");
        Files.writeString(users, "// not what jOOQ wrote");

        CapturingLog log = new CapturingLog();
        generateOnTestServer(secondCheckout, Optional.of(cache()), true, log);

        assertTrue(log.text().contains("Generating jOOQ classes: forced"), log.text());
        assertFalse(log.text().contains("damaged"), log.text());
        assertEquals(
                Files.readString(secondCheckout.resolve(OUTPUT + "/com/example/db/tables/Users.java")),
                Files.readString(users));
        CapturingLog third = new CapturingLog();
        generateWithoutDatabase(thirdCheckout, third);
        assertTrue(third.text().contains("Restored jOOQ classes from the shared cache"), third.text());
    }

    @Test
    void turnedOffItNeitherStoresNorRestores() throws IOException {
        generateOnTestServer(firstCheckout, Optional.empty(), false, new CapturingLog());

        assertFalse(Files.exists(localRepository.resolve("generated")));
    }

    /** Every file's bytes, in hex: byte arrays compare by identity. */
    private static Map<Path, String> hexContents(Path checkout) throws IOException {
        Map<Path, String> hex = new TreeMap<>();
        CodegenWorkflowTest.contents(checkout.resolve(OUTPUT))
                .forEach((file, bytes) -> hex.put(file, HexFormat.of().formatHex(bytes)));
        return hex;
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> entries = Files.list(localRepository.resolve("generated"))) {
            return entries.toList();
        }
    }

    private void generateOnTestServer(
            Path checkout, Optional<GeneratedSourcesCache> cache, boolean force, CapturingLog log) throws IOException {
        writeMigrations(checkout);
        ConnectionSettings server =
                new ConnectionSettings(TestPostgres.server().jdbcUrl(EmbeddedServer.DEFAULT_DATABASE), null, null);
        CodegenWorkflow.generate(
                inputs(checkout, cache, LibraryLoader.ON_CLASS_PATH),
                new ThrowawayDatabase(
                        server,
                        () -> {
                            throw new AssertionError("no embedded server expected");
                        },
                        checkout.resolve("target/migrate")),
                force,
                log);
    }

    /** As on the embedded server, whose settings (and so its binaries) are never asked for. */
    private void generateWithoutDatabase(Path checkout, CapturingLog log) throws IOException {
        writeMigrations(checkout);
        CodegenWorkflow.generateCached(
                inputs(checkout, Optional.of(cache()), () -> {
                    throw new AssertionError("a restore needs neither Flyway, nor jOOQ, nor the driver");
                }),
                new SchemaCache.Location(
                        () -> {
                            throw new AssertionError("a restore must resolve no binaries and start no database");
                        },
                        checkout.resolve("target/migrate"),
                        SchemaCache.databaseName("module", checkout)),
                new ThrowawayDatabase(
                        null,
                        () -> {
                            throw new AssertionError("a restore must start no throwaway database");
                        },
                        checkout.resolve("target/migrate")),
                false,
                log);
    }

    private static void writeMigrations(Path checkout) throws IOException {
        Path migrations = Files.createDirectories(checkout.resolve("migrations"));
        if (!Files.exists(migrations.resolve("V1__create_users.sql"))) {
            Files.writeString(
                    migrations.resolve("V1__create_users.sql"),
                    "CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT NOT NULL);");
            Files.writeString(
                    migrations.resolve("V2__create_orders.sql"),
                    "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT REFERENCES users);");
        }
    }

    private static CodegenInputs inputs(Path checkout, Optional<GeneratedSourcesCache> cache, LibraryLoader libraries) {
        MigrationSettings migrations = TestMigrations.in(checkout.resolve("migrations"));
        CodegenSettings codegen = new CodegenSettings(
                null, List.of(), CodegenSettings.DEFAULT_HISTORY_TABLE, checkout, Path.of(OUTPUT), "com.example");
        return new CodegenInputs(
                migrations,
                codegen,
                "test",
                JooqGenerator.jooqVersion(),
                List.of(),
                "17.6.0",
                checkout.resolve("target/migrate/codegen.fingerprint"),
                CodegenJvm.IN_PROCESS,
                cache,
                libraries);
    }
}
