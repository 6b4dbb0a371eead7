package dev.migrate.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.database.OpenDatabase;
import dev.migrate.database.ThrowawayDatabase;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.error.MigrateException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.migration.UpgradeResult;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodegenWorkflowTest {

    private static final String PACKAGE_DIRECTORY = "target/generated-sources/jooq/com/example/db";

    @TempDir
    Path project;

    private final CapturingLog log = new CapturingLog();

    @BeforeEach
    void migrations() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        write("V1__create_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT NOT NULL);");
        write("V2__create_orders.sql", "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT REFERENCES users);");
    }

    @Test
    void generatesFromAThrowawayDatabaseThenFindsTheClassesUpToDateWithoutADatabase() throws IOException {
        CodegenWorkflow.generate(inputs(null), onExistingServer(), false, log);

        assertTrue(Files.isRegularFile(project.resolve(PACKAGE_DIRECTORY + "/tables/Users.java")));
        assertTrue(Files.isRegularFile(project.resolve(PACKAGE_DIRECTORY + "/tables/Orders.java")));
        assertFalse(Files.exists(project.resolve(PACKAGE_DIRECTORY + "/tables/FlywaySchemaHistory.java")));
        assertTrue(log.text().contains("Generating jOOQ classes: no fingerprint of an earlier generation"), log.text());
        assertTrue(
                log.text()
                        .matches("(?s).*INFO Generated jOOQ classes in target/generated-sources/jooq: \\d+ files,"
                                + " \\d+ written, 0 removed \\(\\d+ ms\\).*"),
                log.text());
        assertNoThrowawayDatabaseLeft();

        CapturingLog second = new CapturingLog();
        CodegenWorkflow.generate(inputs(null), noDatabaseAllowed(), false, second);

        assertTrue(
                second.text()
                        .matches(
                                "INFO jOOQ classes are up to date \\(fingerprint [0-9a-f]{12}, checked in \\d+ ms\\), nothing to"
                                        + " generate"),
                second.text());
    }

    @Test
    void sameInputsGiveByteIdenticalFilesAndUnchangedFilesAreNotRewritten() throws IOException {
        CodegenWorkflow.generate(inputs(null), onExistingServer(), false, log);
        Map<Path, byte[]> first = contents(project.resolve("target/generated-sources/jooq"));
        Path users = project.resolve(PACKAGE_DIRECTORY + "/tables/Users.java");
        FileTime written = FileTime.fromMillis(0);
        Files.setLastModifiedTime(users, written);
        Files.delete(project.resolve("target/migrate/codegen.fingerprint"));

        CodegenWorkflow.generate(inputs(null), onExistingServer(), true, log);

        Map<Path, byte[]> second = contents(project.resolve("target/generated-sources/jooq"));
        assertEquals(first.keySet(), second.keySet());
        first.forEach((file, bytes) -> assertEquals(new String(bytes), new String(second.get(file)), file.toString()));
        assertTrue(log.text().contains("0 written, 0 removed"), log.text());
        assertEquals(written, Files.getLastModifiedTime(users), "an unchanged file is not rewritten");
    }

    @Test
    void aDroppedTableLosesItsClassAndFilesOutsideThePackageStay() throws IOException {
        CodegenWorkflow.generate(inputs(null), onExistingServer(), false, log);
        Path foreign = project.resolve("target/generated-sources/jooq/other/Keep.java");
        Files.createDirectories(foreign.getParent());
        Files.writeString(foreign, "package other; class Keep {}");
        write("V3__drop_orders.sql", "DROP TABLE orders;");

        CodegenWorkflow.generate(inputs(null), onExistingServer(), false, log);

        assertTrue(log.text().contains("Generating jOOQ classes: migrations changed"), log.text());
        assertFalse(Files.exists(project.resolve(PACKAGE_DIRECTORY + "/tables/Orders.java")));
        assertFalse(Files.exists(project.resolve(PACKAGE_DIRECTORY + "/tables/records/OrdersRecord.java")));
        assertTrue(Files.isRegularFile(project.resolve(PACKAGE_DIRECTORY + "/tables/Users.java")));
        assertTrue(Files.isRegularFile(foreign));
    }

    @Test
    void editedOrDeletedGeneratedFilesAreRegenerated() throws IOException {
        CodegenWorkflow.generate(inputs(null), onExistingServer(), false, log);
        Path users = project.resolve(PACKAGE_DIRECTORY + "/tables/Users.java");
        String original = Files.readString(users);
        Files.delete(users);

        CodegenWorkflow.generate(inputs(null), onExistingServer(), false, log);

        assertTrue(log.text().contains("Generating jOOQ classes: generated changed"), log.text());
        assertEquals(original, Files.readString(users));
    }

    @Test
    void aFailedGenerationLeavesThePreviousOutputAndFingerprint() throws IOException {
        CodegenWorkflow.generate(inputs(null), onExistingServer(), false, log);
        Map<Path, byte[]> before = contents(project.resolve("target/generated-sources/jooq"));
        String fingerprint = Files.readString(project.resolve("target/migrate/codegen.fingerprint"));
        write("V3__add_column.sql", "ALTER TABLE users ADD COLUMN name TEXT;");
        GeneratorXml broken = new GeneratorXml("<generator><name>com.example.NoSuchGenerator</name>"
                + "<target><packageName>com.example.db</packageName></target></generator>");

        UserMistakeException failure = assertThrows(
                UserMistakeException.class,
                () -> CodegenWorkflow.generate(inputs(broken), onExistingServer(), false, log));

        assertTrue(failure.getMessage().contains("com.example.NoSuchGenerator"), failure.getMessage());
        assertEquals(
                before.keySet(),
                contents(project.resolve("target/generated-sources/jooq")).keySet());
        assertEquals(fingerprint, Files.readString(project.resolve("target/migrate/codegen.fingerprint")));
        try (Stream<Path> siblings = Files.list(project.resolve("target/generated-sources"))) {
            assertEquals(
                    List.of("jooq"),
                    siblings.map(path -> path.getFileName().toString()).toList());
        }
        assertNoThrowawayDatabaseLeft();
    }

    /**
     * jOOQ's own loader logs a misspelled element and drops it, which would generate as if it were not there: the
     * plugin checks the XML against jOOQ's schema and fails, naming the element, before anything is generated.
     */
    @Test
    void aMisspelledElementFailsNamingItAndGeneratesNothing() throws IOException {
        GeneratorXml misspelled =
                new GeneratorXml("<generator><database><includez>users</includez></database></generator>");

        UserMistakeException failure = assertThrows(
                UserMistakeException.class,
                () -> CodegenWorkflow.generate(inputs(misspelled), onExistingServer(), false, log));

        assertEquals(
                "jOOQ's generator configuration does not follow jOOQ's XML schema "
                        + Path.of(JooqGenerator.jooqConstant("CP_CODEGEN")).getFileName()
                        + " at database/includez: Invalid content was found starting with element 'includez'."
                        + " jOOQ would ignore what it does not know: correct the element or remove it.",
                failure.getMessage());
        assertEquals(Optional.of(new Suggestion.Change(Setting.GENERATOR, "database/includez")), failure.suggestion());
        assertFalse(Files.exists(project.resolve("target/generated-sources/jooq")));
        assertFalse(Files.exists(project.resolve("target/migrate/codegen.fingerprint")));
        assertNoThrowawayDatabaseLeft();
    }

    /**
     * A disk that fills while jOOQ writes, as any user can have it: a file-size limit ({@code ulimit -f}) on a JVM
     * that generates, so that jOOQ's larger files are cut off where the disk would have been full.
     */
    @Test
    void aDiskThatFillsWhileJooqWritesLosesNoClassRecordsNothingAndTheNextBuildRegenerates() throws Exception {
        CodegenWorkflow.generate(inputs(null), onExistingServer(), false, log);
        Path output = project.resolve("target/generated-sources/jooq");
        Map<Path, String> before = texts(output);
        String fingerprint = Files.readString(project.resolve("target/migrate/codegen.fingerprint"));
        write("V3__add_names.sql", "ALTER TABLE users ADD COLUMN name TEXT, ADD COLUMN nickname TEXT;");

        Process limited = new ProcessBuilder(
                        "bash",
                        "-c",
                        "ulimit -f 2 && exec \"$@\"",
                        "bash",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:-UsePerfData",
                        "-cp",
                        System.getProperty("java.class.path"),
                        FileSizeLimited.class.getName(),
                        project.toString(),
                        TestPostgres.server().jdbcUrl(EmbeddedServer.DEFAULT_DATABASE))
                .redirectErrorStream(true)
                .start();
        String said = new String(limited.getInputStream().readAllBytes());

        assertEquals(FileSizeLimited.FAILED, limited.waitFor(), said);
        assertTrue(
                said.contains("completely") && said.contains("is the disk full? The previous classes are kept"), said);
        assertEquals(before, texts(output), "the previous classes are intact");
        assertEquals(fingerprint, Files.readString(project.resolve("target/migrate/codegen.fingerprint")));
        try (Stream<Path> siblings = Files.list(project.resolve("target/generated-sources"))) {
            assertEquals(
                    List.of("jooq"),
                    siblings.map(path -> path.getFileName().toString()).toList());
        }
        assertNoThrowawayDatabaseLeft();

        CapturingLog next = new CapturingLog();
        CodegenWorkflow.generate(inputs(null), onExistingServer(), false, next);
        assertTrue(next.text().contains("Generating jOOQ classes: migrations changed"), next.text());
        assertTrue(Files.readString(project.resolve(PACKAGE_DIRECTORY + "/tables/Users.java"))
                .contains("NICKNAME"));
    }

    /** {@code migrate:generate} in a JVM of its own: {@code <project> <server's JDBC URL>}. */
    static final class FileSizeLimited {

        static final int FAILED = 3;

        public static void main(String[] arguments) {
            Path project = Path.of(arguments[0]);
            try {
                CodegenWorkflow.generate(
                        inputs(project, null), onExistingServer(project, arguments[1]), false, TestPostgres.quietLog());
            } catch (MigrateException e) {
                System.out.println(e.getMessage());
                System.exit(FAILED);
            }
        }
    }

    /**
     * The up-to-date check reads no Flyway configuration, so a setting Flyway refuses is found when the classes must
     * be generated: still before anything is restored or a database starts.
     */
    @Test
    void aSettingFlywayRefusesFailsBeforeAnyDatabaseStarts() {
        MigrationSettings valid = inputs(null).migrations();
        MigrationSettings misspelt = new MigrationSettings(
                valid.locations(), List.of(), Map.of(), Map.of("outOfOder", "true"), null, valid.classLoader());

        UserMistakeException refused = assertThrows(
                UserMistakeException.class,
                () -> CodegenWorkflow.generate(withMigrations(misspelt), noDatabaseAllowed(), false, log));

        assertTrue(refused.getMessage().startsWith("A Flyway setting is not valid"), refused.getMessage());
    }

    private CodegenInputs withMigrations(MigrationSettings migrations) {
        CodegenInputs inputs = inputs(null);
        return new CodegenInputs(migrations, inputs.codegen(), "test", "17.6.0", inputs.fingerprintFile());
    }

    @Test
    void aFingerprintPathThatIsADirectoryIsOneLineAndAFullRunNotAFailedBuild() throws IOException {
        Path fingerprint = Files.createDirectories(project.resolve("target/migrate/codegen.fingerprint"));
        Files.writeString(fingerprint.resolve("left-by-someone"), "x");

        CodegenWorkflow.generate(inputs(null), onExistingServer(), false, log);

        assertEquals(
                1,
                log.lines().stream()
                        .filter(line -> line.contains("codegen.fingerprint"))
                        .count(),
                log.text());
        assertTrue(Files.isRegularFile(project.resolve(PACKAGE_DIRECTORY + "/tables/Users.java")));
        assertTrue(Files.isRegularFile(fingerprint), "recorded in place of the directory");
        CapturingLog next = new CapturingLog();
        CodegenWorkflow.generate(inputs(null), noDatabaseAllowed(), false, next);
        assertTrue(next.text().contains("jOOQ classes are up to date"), next.text());
    }

    @Test
    void aFailingMigrationDropsTheThrowawayDatabaseOnTheExistingServer() throws IOException {
        write("V3__broken.sql", "SELEC 1;");

        assertThrows(
                UserMistakeException.class,
                () -> CodegenWorkflow.generate(inputs(null), onExistingServer(), false, log));

        assertNoThrowawayDatabaseLeft();
        assertFalse(Files.exists(project.resolve("target/migrate/codegen.fingerprint")));
    }

    @Test
    void generatesOnAnEmbeddedThrowawayServerAndDeletesItsFiles() throws IOException {
        Path work = project.resolve("target/migrate");
        ThrowawayDatabase embedded = new ThrowawayDatabase(null, TestPostgres::settings, work);

        CodegenWorkflow.generate(inputs(null), embedded, false, log);

        assertTrue(Files.isRegularFile(project.resolve(PACKAGE_DIRECTORY + "/tables/Users.java")));
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(
                    List.of("codegen.fingerprint"),
                    left.map(path -> path.getFileName().toString()).toList());
        }
    }

    @Test
    void upgradeRegeneratesFromTheMigratedDatabaseAndRecordsTheFingerprint() throws IOException {
        try (OpenDatabase database = migratedTestDatabase(inputs(null))) {
            CodegenWorkflow.regenerate(database, inputs(null), new UpgradeResult(null, "2", 2, 0), log);
        }

        assertTrue(Files.isRegularFile(project.resolve(PACKAGE_DIRECTORY + "/tables/Orders.java")));
        CapturingLog next = new CapturingLog();
        CodegenWorkflow.generate(inputs(null), noDatabaseAllowed(), false, next);
        assertTrue(next.text().contains("jOOQ classes are up to date"), next.text());
    }

    /**
     * As after {@code mvn compile}, then {@code migrate:upgrade} on a development database that someone changed by
     * hand: the classes follow the database, whatever the fingerprint says.
     */
    @Test
    void anUpgradeThatAppliedMigrationsRegeneratesFromADatabaseThatDiffersWithoutCallingTheClassesUpToDate()
            throws IOException {
        CodegenWorkflow.generate(inputs(null), onExistingServer(), false, new CapturingLog());

        try (OpenDatabase database = migratedTestDatabase(inputs(null))) {
            TestPostgres.execute(database.dataSource(), "ALTER TABLE users ADD COLUMN added_by_hand TEXT");
            CodegenWorkflow.regenerate(database, inputs(null), new UpgradeResult(null, "2", 2, 0), log);
        }

        assertTrue(log.text().contains("Generated jOOQ classes"), log.text());
        assertFalse(log.text().contains("up to date"), log.text());
        assertTrue(Files.readString(project.resolve(PACKAGE_DIRECTORY + "/tables/Users.java"))
                .contains("ADDED_BY_HAND"));
    }

    /** As after {@code mvn compile}, then {@code migrate:upgrade} on the development database. */
    @Test
    void anUpgradeThatAppliedMigrationsKeepsClassesGeneratedFromTheSameCatalog() throws IOException {
        CodegenWorkflow.generate(inputs(null), onExistingServer(), false, new CapturingLog());

        try (OpenDatabase database = migratedTestDatabase(inputs(null))) {
            CodegenWorkflow.regenerate(database, inputs(null), new UpgradeResult(null, "2", 2, 0), log);
        }

        assertTrue(log.text().contains("the migrations changed nothing jOOQ reads"), log.text());
        assertFalse(log.text().contains("Generated jOOQ classes"), log.text());
    }

    @Test
    void anUpgradeThatAppliedNothingRegeneratesOnlyWhenTheClassesAreNotUpToDate() throws IOException {
        try (OpenDatabase database = migratedTestDatabase(inputs(null))) {
            UpgradeResult nothingApplied = new UpgradeResult("2", "2", 0, 0);
            CodegenWorkflow.regenerate(database, inputs(null), nothingApplied, log);
            CapturingLog second = new CapturingLog();

            CodegenWorkflow.regenerate(database, inputs(null), nothingApplied, second);

            assertTrue(log.text().contains("Generated jOOQ classes"), log.text());
            assertTrue(second.text().contains("jOOQ classes are up to date"), second.text());
            assertFalse(second.text().contains("Generated jOOQ classes"), second.text());
        }
    }

    @Test
    void upgradeToAnOlderTargetRegeneratesButRecordsNoFingerprint() throws IOException {
        CodegenWorkflow.generate(inputs(null), onExistingServer(), false, log);
        CodegenInputs toVersion1 = new CodegenInputs(
                inputs(null).migrations().withTarget("1"),
                inputs(null).codegen(),
                "test",
                "17.6.0",
                project.resolve("target/migrate/codegen.fingerprint"));

        try (OpenDatabase database = migratedTestDatabase(toVersion1)) {
            CodegenWorkflow.regenerate(database, toVersion1, new UpgradeResult(null, "1", 1, 0), log);
        }

        assertFalse(Files.exists(project.resolve(PACKAGE_DIRECTORY + "/tables/Orders.java")));
        assertFalse(Files.exists(project.resolve("target/migrate/codegen.fingerprint")));
    }

    private static OpenDatabase migratedTestDatabase(CodegenInputs inputs) {
        OpenDatabase database = OpenDatabase.server(
                new ConnectionSettings(TestPostgres.server().jdbcUrl(TestPostgres.newDatabase()), null, null));
        Migrator.upgrade(database, inputs.migrations(), TestPostgres.quietLog());
        return database;
    }

    private void assertNoThrowawayDatabaseLeft() {
        try (var connection = TestPostgres.server()
                        .dataSource(EmbeddedServer.DEFAULT_DATABASE)
                        .getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SELECT count(*) FROM pg_database WHERE datname LIKE 'migrate\\_codegen\\_%'")) {
            rows.next();
            assertEquals(0, rows.getInt(1));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private CodegenInputs inputs(GeneratorXml generator) {
        return inputs(project, generator);
    }

    private static CodegenInputs inputs(Path project, GeneratorXml generator) {
        MigrationSettings migrations = TestMigrations.in(project.resolve("migrations"));
        CodegenSettings codegen = new CodegenSettings(
                generator,
                List.of(),
                CodegenSettings.DEFAULT_HISTORY_TABLE,
                project,
                Path.of("target/generated-sources/jooq"),
                "com.example");
        return new CodegenInputs(
                migrations, codegen, "test", "17.6.0", project.resolve("target/migrate/codegen.fingerprint"));
    }

    /** TestPostgres's server standing in for a user's server: the throwaway database is created and dropped there. */
    private ThrowawayDatabase onExistingServer() {
        return onExistingServer(project, TestPostgres.server().jdbcUrl(EmbeddedServer.DEFAULT_DATABASE));
    }

    private static ThrowawayDatabase onExistingServer(Path project, String serverUrl) {
        ConnectionSettings server = new ConnectionSettings(serverUrl, null, null);
        return new ThrowawayDatabase(
                server,
                () -> {
                    throw new AssertionError("no embedded server expected");
                },
                project.resolve("target/migrate"));
    }

    private ThrowawayDatabase noDatabaseAllowed() {
        return new ThrowawayDatabase(
                null,
                () -> {
                    throw new AssertionError("an up-to-date check must start no database");
                },
                project.resolve("target/migrate"));
    }

    static Map<Path, byte[]> contents(Path root) throws IOException {
        Map<Path, byte[]> contents = new TreeMap<>();
        for (Path file : GeneratedOutput.regularFiles(root)) {
            contents.put(file, Files.readAllBytes(root.resolve(file)));
        }
        return contents;
    }

    private static Map<Path, String> texts(Path root) throws IOException {
        Map<Path, String> texts = new TreeMap<>();
        contents(root).forEach((file, bytes) -> texts.put(file, new String(bytes, StandardCharsets.UTF_8)));
        return texts;
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(project.resolve("migrations").resolve(name), sql);
    }
}
