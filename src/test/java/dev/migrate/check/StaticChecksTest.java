package dev.migrate.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.check.Finding.Level;
import dev.migrate.error.Action;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.TestMigrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticChecksTest {

    @TempDir
    Path migrations;

    @Test
    void aNameFlywayRefusesIsFoundAndAValidOneIsNot() throws IOException {
        write("V1__ok.sql", "SELECT 1;\n");
        write("V2_missing_separator.sql", "SELECT 1;\n");

        List<Finding> findings = StaticChecks.run(settings());

        assertEquals(List.of("naming " + migrations.resolve("V2_missing_separator.sql")), codesAndFiles(findings));
        assertTrue(findings.get(0).message().contains("V2_missing_separator.sql"), findings.get(0)::message);
    }

    @Test
    void anUndoScriptIsNoNamingMistakeAndMarksAProjectWithUndoScriptsButAMisnamedOneIsStillFound() throws IOException {
        write("V1__ok.sql", "SELECT 1;\n");
        assertFalse(StaticChecks.hasUndoScripts(settings()));
        write("U1__ok.sql", "SELECT 1;\n");
        write("U2_missing_separator.sql", "SELECT 1;\n");

        List<Finding> findings = StaticChecks.run(settings());

        assertEquals(List.of("naming " + migrations.resolve("U2_missing_separator.sql")), codesAndFiles(findings));
        assertTrue(StaticChecks.hasUndoScripts(settings()));
    }

    @Test
    void twoFilesOfOneVersionAreFoundAlsoWrittenDifferentlyButNeighboursAreNot() throws IOException {
        write("V1__first.sql", "SELECT 1;\n");
        write("V1.0__second.sql", "SELECT 1;\n");
        write("V1.1__neighbour.sql", "SELECT 1;\n");

        List<Finding> findings = StaticChecks.run(settings());

        assertEquals(List.of("duplicate-version " + migrations.resolve("V1__first.sql")), codesAndFiles(findings));
        assertTrue(findings.get(0).message().contains("V1.0__second.sql"), findings.get(0)::message);
    }

    @Test
    void aPlaceholderWithoutValueIsFoundAtItsLineAndAConfiguredOneIsNot() throws IOException {
        write("V1__tenant.sql", "CREATE TABLE t (id INT);\nCREATE SCHEMA ${tenant};\nSELECT '${region}';\n");
        MigrationSettings withTenant = TestMigrations.in(migrations, Map.of("tenant", "acme"), Map.of());

        List<Finding> findings = StaticChecks.run(withTenant);

        assertEquals(
                List.of("unresolved-placeholder " + migrations.resolve("V1__tenant.sql")), codesAndFiles(findings));
        assertEquals(3, findings.get(0).line());
        assertTrue(findings.get(0).message().contains("'region'"), findings.get(0)::message);
    }

    @Test
    void placeholdersAreNotCheckedWhenFlywayDoesNotReplaceThem() throws IOException {
        write("V1__tenant.sql", "SELECT '${tenant}';\n");
        MigrationSettings noReplacement =
                TestMigrations.in(migrations, Map.of(), Map.of("placeholderReplacement", "false"));

        assertEquals(List.of(), StaticChecks.run(noReplacement));
    }

    @Test
    void aNewVersionBelowTheReleasedOnesIsOutOfOrderAndAboveThemOnlyNotYetLocked() throws IOException {
        write("V1__one.sql", "SELECT 1;\n");
        write("V3__three.sql", "SELECT 3;\n");
        updateLock();
        write("V2__two.sql", "SELECT 2;\n");
        write("V4__four.sql", "SELECT 4;\n");

        List<Finding> findings = StaticChecks.run(settings());

        assertEquals(
                List.of(
                        "out-of-order " + migrations.resolve("V2__two.sql"),
                        "not-locked " + migrations.resolve("V4__four.sql")),
                codesAndFiles(findings));
        assertEquals(
                List.of(Level.ERROR, Level.WARNING),
                findings.stream().map(Finding::level).toList());
    }

    @Test
    void outOfOrderIsAWarningWhenFlywayAppliesMigrationsOutOfOrder() throws IOException {
        write("V3__three.sql", "SELECT 3;\n");
        updateLock();
        write("V2__two.sql", "SELECT 2;\n");
        MigrationSettings outOfOrder = TestMigrations.in(migrations, Map.of(), Map.of("outOfOrder", "true"));

        List<Finding> findings = StaticChecks.run(outOfOrder);

        assertEquals(List.of("out-of-order " + migrations.resolve("V2__two.sql")), codesAndFiles(findings));
        assertEquals(Level.WARNING, findings.get(0).level());
    }

    @Test
    void anEditedReleasedMigrationIsFoundButNewLineEndingsAreNotAnEdit() throws IOException {
        write("V1__one.sql", "CREATE TABLE t (id INT);\nCREATE TABLE u (id INT);\n");
        updateLock();

        // what git's autocrlf does to a checkout: Flyway's checksum ignores line endings, so must the lock
        write("V1__one.sql", "CREATE TABLE t (id INT);\r\nCREATE TABLE u (id INT);\r\n");
        assertEquals(List.of(), StaticChecks.run(settings()));

        write("V1__one.sql", "CREATE TABLE t (id BIGINT);\nCREATE TABLE u (id INT);\n");
        assertEquals(
                List.of("locked-edited " + migrations.resolve("V1__one.sql")),
                codesAndFiles(StaticChecks.run(settings())));
    }

    @Test
    void aRemovedReleasedMigrationIsFound() throws IOException {
        write("V1__one.sql", "SELECT 1;\n");
        write("V2__two.sql", "SELECT 2;\n");
        updateLock();
        assertEquals(List.of(), StaticChecks.run(settings()));

        Files.delete(migrations.resolve("V2__two.sql"));

        List<Finding> findings = StaticChecks.run(settings());
        assertEquals(List.of("locked-removed " + lockFile()), codesAndFiles(findings));
        assertTrue(findings.get(0).message().contains("V2__two.sql"), findings.get(0)::message);
    }

    @Test
    void aRenamedReleasedMigrationIsFoundAlsoWhenMovedToAnotherFolder() throws IOException {
        write("V1__one.sql", "SELECT 1;\n");
        write("V2__two.sql", "SELECT 2;\n");
        updateLock();

        Files.move(migrations.resolve("V1__one.sql"), migrations.resolve("V1__first.sql"));
        Files.createDirectories(migrations.resolve("old"));
        Files.move(migrations.resolve("V2__two.sql"), migrations.resolve("old/V2__two.sql"));

        assertEquals(
                List.of(
                        "locked-renamed " + migrations.resolve("V1__first.sql"),
                        "locked-renamed " + migrations.resolve("old/V2__two.sql")),
                codesAndFiles(StaticChecks.run(settings())));
    }

    @Test
    void aMergeConflictOfTheLockFileIsFoundWithTheVersionBothBranchesAdded() throws IOException {
        write("V1__one.sql", "SELECT 1;\n");
        Path lock = updateLock();
        String base = Files.readString(lock);
        write("V2__prices.sql", "SELECT 2;\n");
        String ours = render();
        Files.delete(migrations.resolve("V2__prices.sql"));
        write("V2__stock.sql", "SELECT 2;\n");
        String theirs = render();

        Files.writeString(lock, conflict(base, ours, theirs));
        List<Finding> findings = StaticChecks.run(settings());

        assertEquals(List.of("lock-conflict " + lock, "lock-duplicate-version " + lock), codesAndFiles(findings));
        assertTrue(findings.get(1).message().contains("V2__prices.sql and V2__stock.sql"), findings.get(1)::message);
    }

    @Test
    void bothSidesOfAConflictKeptWithoutMarkersAreADuplicateVersionAndAHandEdit() throws IOException {
        write("V1__one.sql", "SELECT 1;\n");
        Path lock = updateLock();
        Files.writeString(lock, Files.readString(lock) + "1 12345 V1__other.sql\n");

        assertEquals(
                List.of("lock-duplicate-version " + lock, "lock-digest " + lock),
                codesAndFiles(StaticChecks.run(settings())));
    }

    @Test
    void aHandEditedChecksumIsFoundByTheDigestAndABadLineByItsNumber() throws IOException {
        write("V1__one.sql", "SELECT 1;\n");
        Path lock = updateLock();
        String released = Files.readString(lock);
        int releasedChecksum =
                MigrationLock.read(migrations).orElseThrow().entries().get(0).checksum();
        write("V1__one.sql", "SELECT 'edited';\n");
        updateLock();
        int editedChecksum =
                MigrationLock.read(migrations).orElseThrow().entries().get(0).checksum();

        // an edit hidden by giving the lock the file's new checksum by hand: the digest line gives it away
        Files.writeString(lock, released.replace(" " + releasedChecksum + " ", " " + editedChecksum + " "));
        assertEquals(List.of("lock-digest " + lock), codesAndFiles(StaticChecks.run(settings())));

        Files.writeString(lock, Files.readString(lock) + "garbage\n");
        List<Finding> findings = StaticChecks.run(settings());
        assertEquals(List.of("lock-malformed " + lock, "lock-digest " + lock), codesAndFiles(findings));
        assertEquals(released.split("\n").length + 1, findings.get(0).line());
    }

    @Test
    void nextStepsNameNoCommandOrParameterAndCarryTheSettingOrActionForTheCaller() throws IOException {
        write("V1__one.sql", "SELECT 1;\n");
        write("V3__three.sql", "SELECT 3;\n");
        updateLock();
        write("V2__two.sql", "SELECT '${region}';\n");
        write("V4__four.sql", "SELECT 4;\n");
        write("V4.0__again.sql", "SELECT 4;\n");
        write("V5_no_separator.sql", "SELECT 5;\n");

        List<Finding> findings = StaticChecks.run(settings());

        assertEquals(
                List.of(
                        "duplicate-version " + new Suggestion.Run(Action.NEW_MIGRATION),
                        "naming " + new Suggestion.Run(Action.NEW_MIGRATION),
                        "not-locked " + new Suggestion.Run(Action.UPDATE_LOCK),
                        "out-of-order " + new Suggestion.Run(Action.NEW_MIGRATION),
                        "unresolved-placeholder " + new Suggestion.Change(Setting.PLACEHOLDERS, "region")),
                findings.stream()
                        .map(finding -> finding.code().id() + " " + finding.suggestion())
                        .sorted()
                        .toList());
        for (Finding finding : findings) {
            assertFalse(finding.nextStep().matches("(?s).*(mvn|-D|migrate:|<placeholders>).*"), finding::nextStep);
        }
    }

    private String render() throws IOException {
        return Files.readString(updateLock());
    }

    /** The lock file written with a renderer that names no command: the core has none of its own. */
    private Path updateLock() {
        return StaticChecks.updateLock(settings(), String::valueOf);
    }

    /** What git writes for a conflict between two versions of a file that differ from the base in the same lines. */
    private static String conflict(String base, String ours, String theirs) {
        List<String> baseLines = base.lines().toList();
        List<String> oursLines = ours.lines().toList();
        List<String> theirsLines = theirs.lines().toList();
        StringBuilder merged = new StringBuilder();
        int header = 0;
        while (oursLines.get(header).equals(theirsLines.get(header))) {
            merged.append(oursLines.get(header++)).append('\n');
        }
        merged.append("<<<<<<< HEAD\n");
        oursLines
                .subList(header, oursLines.size())
                .forEach(line -> merged.append(line).append('\n'));
        merged.append("=======\n");
        theirsLines
                .subList(header, theirsLines.size())
                .forEach(line -> merged.append(line).append('\n'));
        merged.append(">>>>>>> stock\n");
        assertTrue(baseLines.size() < oursLines.size());
        return merged.toString();
    }

    private Path lockFile() {
        return MigrationLock.fileIn(migrations);
    }

    private MigrationSettings settings() {
        return TestMigrations.in(migrations);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(migrations.resolve(name), text);
    }

    private static List<String> codesAndFiles(List<Finding> findings) {
        return findings.stream().map(f -> f.code().id() + " " + f.file()).toList();
    }
}
