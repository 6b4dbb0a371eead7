package dev.migrate.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.check.StaticChecks;
import dev.migrate.database.OpenDatabase;
import dev.migrate.error.UserMistakeException;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A lint end to end on a real PostgreSQL: selection, the engine, suppressions, levels and the reports. */
class LintRunTest {

    private static final String INDEX = "CREATE INDEX orders_total ON orders (total);\n";

    @TempDir
    Path project;

    private Path migrations;
    private final CapturingLog log = new CapturingLog();

    @BeforeEach
    void createOrders() throws IOException {
        migrations = Files.createDirectories(project.resolve("db"));
        write("V1__create_orders.sql", "CREATE TABLE orders (id BIGINT PRIMARY KEY, total NUMERIC);\n");
    }

    @Test
    void anIndexOnAnExistingTableIsAnErrorAtItsLineWithTheSummary() throws IOException {
        write("V2__index_total.sql", "-- the report sorts by total\n" + INDEX);

        LintRun.Result result = LintRun.run(request(Map.of()), log);

        assertEquals(List.of("V2__index_total.sql:2 index-not-concurrent ERROR"), describe(result));
        assertEquals("Lint: 1 error, 0 warnings in 2 migrations (0 suppressed)", result.summary());
        assertEquals(
                "db/V2__index_total.sql:2 index-not-concurrent "
                        + result.findings().get(0).message(),
                LintRun.logLine(result.findings().get(0), project));
        assertTrue(
                log.text().contains("Linting 2 of 2 migrations: every migration, as there is no lock file"), log::text);
    }

    @Test
    void aSuppressionWithAReasonSilencesTheHazardAndIsLoggedWithItsReason() throws IOException {
        write("V2__index_total.sql", "-- migrate:lint-ignore index-not-concurrent orders holds 30 rows\n" + INDEX);

        LintRun.Result result = LintRun.run(request(Map.of()), log);

        assertEquals(List.of(), result.findings());
        assertEquals("Lint: 0 errors, 0 warnings in 2 migrations (1 suppressed)", result.summary());
        assertTrue(
                log.lines().stream()
                        .anyMatch(line -> line.contains(
                                "Suppressed V2__index_total.sql:2 index-not-concurrent: orders holds 30 rows")),
                log::text);
    }

    @Test
    void aSuppressionWithoutReasonIsAnErrorAndTheHazardStays() throws IOException {
        write("V2__index_total.sql", "-- migrate:lint-ignore index-not-concurrent\n" + INDEX);

        LintRun.Result result = LintRun.run(request(Map.of()), log);

        assertEquals(
                List.of("V2__index_total.sql:1 lint-ignore ERROR", "V2__index_total.sql:2 index-not-concurrent ERROR"),
                describe(result));
    }

    @Test
    void aRuleReleveledToWarningWarnsAndOffSilencesIt() throws IOException {
        write("V2__index_total.sql", INDEX);

        LintRun.Result warned = LintRun.run(request(Map.of("index-not-concurrent", "warning")), log);
        LintRun.Result off = LintRun.run(request(Map.of("index-not-concurrent", "off")), log);

        assertEquals(List.of("V2__index_total.sql:1 index-not-concurrent WARNING"), describe(warned));
        assertEquals(0, warned.errors());
        assertEquals("Lint: 0 errors, 1 warning in 2 migrations (0 suppressed)", warned.summary());
        assertEquals(List.of(), off.findings());
    }

    @Test
    void aBadLevelIsRefusedBeforeAnyDatabaseStarts() throws IOException {
        write("V2__index_total.sql", INDEX);

        assertThrows(
                UserMistakeException.class,
                () -> LintRun.run(
                        new LintRun.Request(
                                TestMigrations.in(migrations),
                                false,
                                null,
                                Map.of("drop-object", "loud"),
                                noDatabase()),
                        log));
    }

    @Test
    void releasedMigrationsAreNotLintedAndNothingNewStartsNoDatabase() throws IOException {
        write("V2__index_total.sql", INDEX);
        StaticChecks.updateLock(TestMigrations.in(migrations), suggestion -> "");

        LintRun.Result result = LintRun.run(
                new LintRun.Request(TestMigrations.in(migrations), false, null, Map.of(), noDatabase()), log);

        assertEquals("Lint: 0 errors, 0 warnings in 0 migrations (0 suppressed)", result.summary());
        assertTrue(log.text().contains("Linting 0 of 2 migrations: the migrations not in migrations.lock."), log::text);
    }

    @Test
    void aNewMigrationAfterTheReleasedOnesIsLintedOnTheSchemaTheyLeave() throws IOException {
        StaticChecks.updateLock(TestMigrations.in(migrations), suggestion -> "");
        write("V2__index_total.sql", INDEX);

        LintRun.Result result = LintRun.run(request(Map.of()), log);

        assertEquals(List.of("V2__index_total.sql:1 index-not-concurrent ERROR"), describe(result));
        assertEquals(1, result.linted());
    }

    @Test
    void theSarifReportListsEveryRuleWithItsDocsAndTheResultAtItsRelativeFileAndLine() throws IOException {
        write("V2__index_total.sql", "\n" + INDEX);
        LintRun.Result result = LintRun.run(request(Map.of()), log);

        Path sarif = LintRun.writeReports(result, suggestion -> "", project, project.resolve("target/migrate"));

        JsonNode run = new ObjectMapper().readTree(sarif.toFile()).get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertEquals(LintRule.values().length + 1, rules.size());
        JsonNode finding = run.get("results").get(0);
        JsonNode rule = rules.get(finding.get("ruleIndex").asInt());
        assertEquals("index-not-concurrent", rule.get("id").asText());
        assertEquals(
                LintRule.INDEX_NOT_CONCURRENT.docs(),
                rule.get("help").get("text").asText());
        JsonNode location = finding.get("locations").get(0).get("physicalLocation");
        assertEquals(
                "db/V2__index_total.sql",
                location.get("artifactLocation").get("uri").asText());
        assertEquals(2, location.get("region").get("startLine").asInt());
        assertEquals(
                1,
                new ObjectMapper()
                        .readTree(project.resolve("target/migrate/lint.json").toFile())
                        .get("errors")
                        .asInt());
        assertTrue(Arrays.stream(LintRule.values())
                .allMatch(known -> rules.findValuesAsString("id").contains(known.id())));
        assertFalse(result.failure(sarif).getMessage().isEmpty());
    }

    private LintRun.Request request(Map<String, String> levels) {
        return new LintRun.Request(TestMigrations.in(migrations), false, null, levels, TestPostgres::openNewDatabase);
    }

    /** Fails the test when a database is asked for. */
    private static Supplier<OpenDatabase> noDatabase() {
        return () -> {
            throw new AssertionError("the lint opened a database");
        };
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }

    private static List<String> describe(LintRun.Result result) {
        return result.findings().stream()
                .map(finding -> finding.file().getFileName() + ":" + finding.line() + " "
                        + finding.code().id() + " " + finding.level())
                .toList();
    }
}
