package dev.migrate.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.codegen.incremental.SchemaCache;
import dev.migrate.connection.ConnectionSettings;
import dev.migrate.database.OpenDatabase;
import dev.migrate.database.ThrowawayDatabase;
import dev.migrate.embedded.BuildServer;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cached schema of {@code migrate:generate} on the build server: whatever path it takes (only the new migrations,
 * or from scratch), the classes and the schema are those of a cold run on the same migrations.
 */
class IncrementalCodegenTest {

    /** Every catalog object the migrations can make, one line each, and Flyway's history without timings. */
    private static final String SCHEMA_DIGEST = """
            SELECT string_agg(line, E'\\n' ORDER BY line) FROM (
              SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' '
                     || is_nullable || ' ' || coalesce(column_default, '') AS line
                FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
              UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE connamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema')
              UNION ALL SELECT 'index ' || indexdef
                FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
              UNION ALL SELECT 'view ' || schemaname || '.' || viewname || ' ' || definition
                FROM pg_views WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
              UNION ALL SELECT 'history ' || installed_rank || ' ' || coalesce(version, '') || ' ' || description
                     || ' ' || coalesce(checksum::text, '') || ' ' || success
                FROM flyway_schema_history) lines""";

    private static final String VERSION = TestPostgres.settings().binaries().version();

    /** The top-level project's target/migrate: one build server for the whole class, as for a reactor. */
    @TempDir
    static Path buildDirectory;

    @TempDir
    Path project;

    @TempDir
    Path coldProject;

    @BeforeEach
    void migrations() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        write("V1__create_users.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT NOT NULL);");
        write("V2__create_orders.sql", "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT REFERENCES users);");
        write(
                "V3__index_orders.sql",
                "CREATE INDEX orders_user ON orders (user_id);"
                        + " CREATE VIEW big_orders AS SELECT id FROM orders WHERE id > 100;");
    }

    @AfterAll
    static void stopBuildServer() {
        BuildServer.stop(cluster());
    }

    @Test
    void anAppendedMigrationIsAppliedAloneAndGivesWhatAColdRunGives() throws Exception {
        generateCached(new CapturingLog());
        write("V4__add_name.sql", "ALTER TABLE users ADD COLUMN name TEXT DEFAULT 'x' NOT NULL;");
        CapturingLog log = new CapturingLog();

        generateCached(log);

        assertTrue(
                log.text()
                        .matches("(?s).*Migrated the cached schema codegen_module_[0-9a-f]{8} \\(PostgreSQL "
                                + "[0-9.]+\\) to version 4: 1 migration in.*"),
                log.text());
        assertFalse(log.text().contains("from scratch"), log.text());
        assertSameAsAColdRun();
    }

    @Test
    void aMigrationThatChangesOnlyDataKeepsTheClassesWithoutRunningJooq() throws Exception {
        generateCached(new CapturingLog());
        write(
                "V4__seed_users.sql",
                "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com'); GRANT SELECT ON users TO PUBLIC;");
        CapturingLog log = new CapturingLog();

        generateCached(log);

        assertTrue(log.text().contains("to version 4: 1 migration"), log.text());
        assertTrue(
                log.text().contains("INFO jOOQ classes are up to date: the migrations changed nothing jOOQ reads"),
                log.text());
        assertFalse(log.text().contains("Generated jOOQ classes"), log.text());
        assertSameAsAColdRun();
        assertUpToDateOnTheNextBuild();
    }

    @Test
    void aCommentIsWhatJooqReadsAndRegenerates() throws Exception {
        generateCached(new CapturingLog());
        write("V4__comment_users.sql", "COMMENT ON TABLE users IS 'The people who order';");
        CapturingLog log = new CapturingLog();

        generateCached(log);

        assertTrue(log.text().contains("Generated jOOQ classes"), log.text());
        assertTrue(Files.readString(usersClass()).contains("The people who order"));
        assertSameAsAColdRun();
    }

    @Test
    void forceRunsJooqAlsoWhenTheCatalogIsUnchanged() throws Exception {
        generateCached(new CapturingLog());
        write("V4__seed_users.sql", "INSERT INTO users VALUES (1, 'a@example.com');");
        CapturingLog log = new CapturingLog();

        CodegenWorkflow.generateCached(inputs(project), location(buildDirectory), null, true, log);

        assertTrue(log.text().contains("Generated jOOQ classes"), log.text());
        assertFalse(log.text().contains("changed nothing jOOQ reads"), log.text());
    }

    @Test
    void editedClassesAreRegeneratedAlsoWhenTheCatalogIsUnchanged() throws Exception {
        generateCached(new CapturingLog());
        Files.writeString(usersClass(), "// edited by hand");
        write("V4__seed_users.sql", "INSERT INTO users VALUES (1, 'a@example.com');");
        CapturingLog log = new CapturingLog();

        generateCached(log);

        assertTrue(log.text().contains("Generated jOOQ classes"), log.text());
        assertSameAsAColdRun();
    }

    @Test
    void aChangedEarlierMigrationMigratesFromScratchWithTheSameResult() throws Exception {
        generateCached(new CapturingLog());
        write(
                "V2__create_orders.sql",
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT, total NUMERIC(10, 2));");
        CapturingLog log = new CapturingLog();

        generateCached(log);

        assertTrue(
                log.text()
                        .contains("INFO V2__create_orders.sql: Migration checksum mismatch for migration version 2:"
                                + " migrating from scratch"),
                log.text());
        assertTrue(log.text().contains("to version 3: 3 migrations"), log.text());
        assertSameAsAColdRun();
    }

    @Test
    void aMigrationInsertedBeforeAppliedOnesMigratesFromScratch() throws Exception {
        generateCached(new CapturingLog());
        write("V2_5__create_items.sql", "CREATE TABLE items (id BIGINT PRIMARY KEY);");
        CapturingLog log = new CapturingLog();

        generateCached(log);

        assertTrue(log.text().contains("migrating from scratch"), log.text());
        assertTrue(log.text().contains("to version 3: 4 migrations"), log.text());
        assertSameAsAColdRun();
    }

    @Test
    void aFailedAppendedMigrationLeavesACacheTheFixedBuildMigratesFromScratch() throws Exception {
        generateCached(new CapturingLog());
        write("V4__broken.sql", "ALTER TABLE users ADD COLUMN name TEXT; SELEC 1;");
        assertThrows(UserMistakeException.class, () -> generateCached(new CapturingLog()));
        write("V4__broken.sql", "ALTER TABLE users ADD COLUMN name TEXT;");
        CapturingLog log = new CapturingLog();

        generateCached(log);

        assertTrue(log.text().contains("or by a build that did not finish: migrating from scratch"), log.text());
        assertTrue(log.text().contains("to version 4: 4 migrations"), log.text());
        assertSameAsAColdRun();
    }

    @Test
    void aGenerationThatFailsAfterTheMigrationLeavesACacheTheNextBuildOnlyGeneratesFrom() throws Exception {
        generateCached(new CapturingLog());
        write("V4__add_name.sql", "ALTER TABLE users ADD COLUMN name TEXT;");
        GeneratorXml missingDatabase =
                new GeneratorXml("<generator><database><name>org.example.NoSuchDatabase</name></database></generator>");
        assertThrows(
                UserMistakeException.class, () -> generateCached(inputs(project, missingDatabase), new CapturingLog()));
        CapturingLog log = new CapturingLog();

        generateCached(log);

        // the migration succeeded and marked the cache: the fixed build neither migrates again nor from scratch
        assertFalse(log.text().contains("from scratch"), log.text());
        assertTrue(log.text().contains("to version 4: 0 migrations in"), log.text());
        assertSameAsAColdRun();
    }

    /** The configuration is read while the server starts; a mistake in it still fails before jOOQ writes anything. */
    @Test
    void aMisspelledElementFailsNamingItAndGeneratesNothing() {
        GeneratorXml misspelled =
                new GeneratorXml("<generator><database><includez>users</includez></database></generator>");

        UserMistakeException failure = assertThrows(
                UserMistakeException.class, () -> generateCached(inputs(project, misspelled), new CapturingLog()));

        assertTrue(failure.getMessage().contains("at database/includez"), failure.getMessage());
        assertFalse(Files.exists(project.resolve("target/generated-sources/jooq")));
    }

    @Test
    void aDamagedClusterIsRebuiltWithOneLogLine() throws Exception {
        generateCached(new CapturingLog());
        BuildServer.stop(cluster());
        Files.writeString(cluster().resolve("global/pg_control"), "truncated");
        write("V4__add_name.sql", "ALTER TABLE users ADD COLUMN name TEXT;");
        CapturingLog log = new CapturingLog();

        generateCached(log);

        assertEquals(
                1,
                log.lines().stream().filter(line -> line.contains("rebuilding")).count(),
                log.text());
        assertTrue(
                log.text()
                        .contains("INFO The cached PostgreSQL cluster " + cluster() + " is damaged"
                                + " (global/pg_control is missing or truncated): rebuilding it"),
                log.text());
        assertTrue(log.text().contains("to version 4: 4 migrations"), log.text());
        assertSameAsAColdRun();
    }

    @Test
    void whileAnotherBuildUsesTheCacheATheThrowawayServerGenerates(@TempDir Path otherBuild) throws Exception {
        Path lockFile = otherBuild.resolve("codegen-postgres-" + VERSION + ".lock");
        CapturingLog log = new CapturingLog();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            CodegenWorkflow.generateCached(
                    inputs(project),
                    location(otherBuild),
                    new ThrowawayDatabase(null, TestPostgres::settings, project.resolve("target/migrate")),
                    false,
                    log);
        }

        assertTrue(
                log.text()
                        .contains("INFO Another build is using the cached schemas in " + otherBuild
                                + ": generating on a throwaway server instead"),
                log.text());
        assertTrue(log.text().contains("Migrated the throwaway embedded database"), log.text());
        assertTrue(
                Files.isRegularFile(project.resolve("target/generated-sources/jooq/com/example/db/tables/Users.java")));
    }

    private void generateCached(CapturingLog log) {
        generateCached(inputs(project), log);
    }

    private void generateCached(CodegenInputs inputs, CapturingLog log) {
        CodegenWorkflow.generateCached(
                inputs,
                location(buildDirectory),
                new ThrowawayDatabase(
                        null,
                        () -> {
                            throw new AssertionError("the build server must generate, not a throwaway one");
                        },
                        project.resolve("target/migrate")),
                false,
                log);
    }

    private void assertUpToDateOnTheNextBuild() {
        CapturingLog log = new CapturingLog();
        generateCached(log);
        assertTrue(log.text().contains("nothing to generate"), log.text());
    }

    private Path usersClass() {
        return project.resolve("target/generated-sources/jooq/com/example/db/tables/Users.java");
    }

    private SchemaCache.Location location(Path directory) {
        return new SchemaCache.Location(TestPostgres::settings, directory, databaseName());
    }

    private String databaseName() {
        return SchemaCache.databaseName("module", project);
    }

    /** The same migrations, generated from a throwaway database and migrated into a fresh one, in one go. */
    private void assertSameAsAColdRun() throws Exception {
        Files.createDirectories(coldProject.resolve("migrations"));
        for (Path migration : Files.list(project.resolve("migrations")).toList()) {
            Files.copy(migration, coldProject.resolve("migrations").resolve(migration.getFileName()));
        }
        ConnectionSettings testServer =
                new ConnectionSettings(TestPostgres.server().jdbcUrl(EmbeddedServer.DEFAULT_DATABASE), null, null);
        CodegenWorkflow.generate(
                inputs(coldProject),
                new ThrowawayDatabase(
                        testServer,
                        () -> {
                            throw new AssertionError("generated on the test server");
                        },
                        coldProject.resolve("target/migrate")),
                false,
                TestPostgres.quietLog());
        assertEquals(generatedFiles(coldProject), generatedFiles(project));

        String coldDatabase = TestPostgres.newDatabase();
        try (OpenDatabase cold =
                OpenDatabase.server(new ConnectionSettings(TestPostgres.server().jdbcUrl(coldDatabase), null, null))) {
            Migrator.upgrade(cold, inputs(coldProject).migrations(), TestPostgres.quietLog());
        }
        assertEquals(
                schemaDigest(TestPostgres.server().port(), coldDatabase, ""),
                schemaDigest(cachePort(), databaseName(), cachePassword()));
    }

    private static Map<Path, String> generatedFiles(Path root) throws IOException {
        Map<Path, String> files = new java.util.TreeMap<>();
        CodegenWorkflowTest.contents(root.resolve("target/generated-sources/jooq"))
                .forEach((file, bytes) -> files.put(file, new String(bytes)));
        return files;
    }

    private static String schemaDigest(int port, String database, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + port + "/" + database, EmbeddedServer.SUPERUSER, password);
                Statement statement = connection.createStatement();
                ResultSet digest = statement.executeQuery(SCHEMA_DIGEST)) {
            digest.next();
            return digest.getString(1);
        }
    }

    /** The build server's password, from the pgpass line ({@code *:*:*:postgres:<password>}) beside its data. */
    private static String cachePassword() throws IOException {
        String line = Files.readString(cluster().resolve("migrate.pgpass")).strip();
        return line.substring(line.lastIndexOf(':') + 1);
    }

    /** PostgreSQL's documented postmaster.pid: the fourth line is the port. */
    private static int cachePort() throws IOException {
        return Integer.parseInt(
                Files.readAllLines(cluster().resolve("postmaster.pid")).get(3).strip());
    }

    private static Path cluster() {
        return buildDirectory.resolve("codegen-postgres-" + VERSION);
    }

    private CodegenInputs inputs(Path root) {
        return inputs(root, null);
    }

    private CodegenInputs inputs(Path root, GeneratorXml generator) {
        MigrationSettings migrations = TestMigrations.in(root.resolve("migrations"));
        CodegenSettings codegen = new CodegenSettings(
                generator,
                List.of(),
                CodegenSettings.DEFAULT_HISTORY_TABLE,
                root,
                Path.of("target/generated-sources/jooq"),
                "com.example");
        return new CodegenInputs(
                migrations, codegen, "test", VERSION, root.resolve("target/migrate/codegen.fingerprint"));
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(project.resolve("migrations").resolve(name), sql);
    }
}
