package dev.migrate.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.migrate.check.Finding.Level;
import dev.migrate.error.Action;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class FindingsReportTest {

    /** Where the project is does not matter: no file is read, findings name paths in it. */
    private static final Path PROJECT = Path.of("/work/project");

    @TempDir
    Path reports;

    private final List<Finding> findings = List.of(
            new Finding(
                    FindingCode.UNRESOLVED_PLACEHOLDER,
                    Level.ERROR,
                    PROJECT.resolve("src/main/resources/db/migration/V1__with space.sql"),
                    3,
                    "No value.",
                    "Set it.",
                    new Suggestion.Change(Setting.PLACEHOLDERS, "region")),
            new Finding(
                    FindingCode.OUT_OF_ORDER, Level.WARNING, Path.of("/elsewhere/V2__x.sql"), 0, "Low.", "Bump.", null),
            new Finding(
                    FindingCode.LOCK_DIGEST,
                    Level.ERROR,
                    null,
                    0,
                    "Edited.",
                    "Rewrite.",
                    new Suggestion.Run(Action.UPDATE_LOCK)));

    /** The caller's names for a suggestion: the reports write what it says, the core adds none of its own. */
    private static String render(Suggestion suggestion) {
        return suggestion instanceof Suggestion.Change change
                ? "Use <" + change.key() + ">."
                : "Run " + ((Suggestion.Run) suggestion).action() + ".";
    }

    @Test
    void jsonHasEachFindingWithItsFileRelativeToTheProject() throws IOException {
        Path file = reports.resolve("check.json");

        FindingsReport.writeJson(findings, FindingsReportTest::render, PROJECT, file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(2, json.get("errors").asInt());
        assertEquals(1, json.get("warnings").asInt());
        JsonNode first = json.get("findings").get(0);
        assertEquals("unresolved-placeholder", first.get("code").asText());
        assertEquals("error", first.get("level").asText());
        assertEquals(
                "src/main/resources/db/migration/V1__with space.sql",
                first.get("file").asText());
        assertEquals(3, first.get("line").asInt());
        assertEquals("Set it. Use <region>.", first.get("nextStep").asText());
        assertEquals("Bump.", json.get("findings").get(1).get("nextStep").asText());
        assertEquals(
                "Rewrite. Run UPDATE_LOCK.",
                json.get("findings").get(2).get("nextStep").asText());
        assertEquals(
                "/elsewhere/V2__x.sql", json.get("findings").get(1).get("file").asText());
        assertEquals(true, json.get("findings").get(1).get("line").isNull());
        assertEquals(true, json.get("findings").get(2).get("file").isNull());
        assertOnlyTheReportIn(file.getParent());
    }

    @Test
    void sarifIsVersion210WithRulesResultsAndRelativeLocations() throws IOException {
        Path file = reports.resolve("check.sarif");

        FindingsReport.writeSarif(List.of(FindingCode.values()), findings, FindingsReportTest::render, PROJECT, file);

        JsonNode sarif = new ObjectMapper().readTree(file.toFile());
        assertEquals("2.1.0", sarif.get("version").asText());
        assertEquals(FindingsReport.SARIF_SCHEMA, sarif.get("$schema").asText());
        JsonNode run = sarif.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertEquals(FindingCode.values().length, rules.size());
        JsonNode first = run.get("results").get(0);
        assertEquals("unresolved-placeholder", first.get("ruleId").asText());
        // ruleIndex points at the rule with that id
        assertEquals(
                "unresolved-placeholder",
                rules.get(first.get("ruleIndex").asInt()).get("id").asText());
        assertEquals("error", first.get("level").asText());
        assertEquals(
                "No value. Set it. Use <region>.",
                first.get("message").get("text").asText());
        JsonNode location = first.get("locations").get(0).get("physicalLocation");
        assertEquals(
                "src/main/resources/db/migration/V1__with%20space.sql",
                location.get("artifactLocation").get("uri").asText());
        assertEquals(3, location.get("region").get("startLine").asInt());
        assertEquals("warning", run.get("results").get(1).get("level").asText());
        assertFalse(run.get("results")
                .get(1)
                .get("locations")
                .get(0)
                .get("physicalLocation")
                .has("region"));
        assertFalse(run.get("results").get(2).has("locations"));
        assertOnlyTheReportIn(file.getParent());
    }

    @Test
    void sarifListsTheRulesOfAnotherPackageWithTheirHelpAndPointsItsFindingsAtThem() throws IOException {
        FindingRule other = new FindingRule() {
            @Override
            public String id() {
                return "other-rule";
            }

            @Override
            public Level level() {
                return Level.WARNING;
            }

            @Override
            public String title() {
                return "Another package's rule";
            }

            @Override
            public String help() {
                return "What it means and the safe way.";
            }
        };
        List<FindingRule> rules = new java.util.ArrayList<>(List.of(FindingCode.values()));
        rules.add(other);
        Path file = reports.resolve("check.sarif");

        FindingsReport.writeSarif(
                rules,
                List.of(Finding.of(other, PROJECT.resolve("V1__a.sql"), 2, "Found.", "Fix it.")),
                FindingsReportTest::render,
                PROJECT,
                file);

        JsonNode run = new ObjectMapper().readTree(file.toFile()).get("runs").get(0);
        JsonNode rule = run.get("tool")
                .get("driver")
                .get("rules")
                .get(run.get("results").get(0).get("ruleIndex").asInt());
        assertEquals("other-rule", rule.get("id").asText());
        assertEquals(
                "What it means and the safe way.", rule.get("help").get("text").asText());
        assertEquals("warning", rule.get("defaultConfiguration").get("level").asText());
        assertEquals(
                "Found. Fix it.",
                run.get("results").get(0).get("message").get("text").asText());
    }

    @Test
    void theLogLineHasLevelCodeRelativeFileLineMessageAndNextStep() {
        assertEquals(
                "ERROR [unresolved-placeholder] src/main/resources/db/migration/V1__with space.sql:3: No value. Set it."
                        + " Use <region>.",
                findings.get(0).oneLine(PROJECT, FindingsReportTest::render));
        assertEquals(
                "WARNING [out-of-order] /elsewhere/V2__x.sql: Low. Bump.",
                findings.get(1).oneLine(PROJECT, FindingsReportTest::render));
        assertEquals(
                "ERROR [lock-digest] Edited. Rewrite. Run UPDATE_LOCK.",
                findings.get(2).oneLine(PROJECT, FindingsReportTest::render));
    }

    private static void assertOnlyTheReportIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(1, files.count());
        }
    }
}
