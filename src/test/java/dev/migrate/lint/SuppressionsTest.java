package dev.migrate.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.check.Finding;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.MigrationFile;
import dev.migrate.testing.TestMigrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionsTest {

    private static final Set<String> CODES = Set.of("index-not-concurrent", "drop-object");
    private static final String INDEX = "CREATE INDEX orders_total ON orders (total)";

    @TempDir
    Path migrations;

    @Test
    void aCommentInTheLinesDirectlyAboveSuppressesItsCodeWithItsReason() throws IOException {
        Suppressions comments = read(
                "-- the orders table has 40 rows",
                "-- migrate:lint-ignore index-not-concurrent orders is tiny",
                INDEX + ";");

        assertEquals(
                Optional.of(new Suppressions.Suppression(2, "index-not-concurrent", "orders is tiny")),
                comments.covering("index-not-concurrent", 3, INDEX));
        assertEquals(Optional.empty(), comments.covering("drop-object", 3, INDEX));
        assertEquals(List.of(), comments.problems());
    }

    @Test
    void aCommentAtTheEndOfAnyLineOfTheStatementSuppressesIt() throws IOException {
        String statement = "ALTER TABLE orders\n    DROP COLUMN note";
        Suppressions comments = read(
                "ALTER TABLE orders",
                "    DROP COLUMN note; --migrate:lint-ignore drop-object unused since release 12");

        assertEquals(
                Optional.of("unused since release 12"),
                comments.covering("drop-object", 1, statement).map(Suppressions.Suppression::reason));
    }

    @Test
    void aCommentAboveABlankLineOrAnotherStatementSuppressesNothingHere() throws IOException {
        Suppressions comments = read(
                "-- migrate:lint-ignore index-not-concurrent orders is tiny",
                "",
                INDEX + ";",
                "-- migrate:lint-ignore drop-object the column was never read",
                "ALTER TABLE orders DROP COLUMN note;",
                INDEX + "2;");

        assertEquals(Optional.empty(), comments.covering("index-not-concurrent", 3, INDEX));
        assertEquals(Optional.empty(), comments.covering("drop-object", 6, INDEX + "2"));
        assertTrue(comments.covering("drop-object", 5, "ALTER TABLE orders DROP COLUMN note")
                .isPresent());
    }

    @Test
    void aCommentWithoutReasonIsAFindingAtItsLineAndSuppressesNothing() throws IOException {
        Suppressions comments = read("SELECT 1;", "-- migrate:lint-ignore index-not-concurrent   ", INDEX + ";");

        assertEquals(Optional.empty(), comments.covering("index-not-concurrent", 3, INDEX));
        Finding problem = comments.problems().get(0);
        assertEquals(List.of("lint-ignore 2 ERROR"), describe(comments.problems()));
        assertEquals(migrations.resolve("V1__x.sql"), problem.file());
        assertTrue(problem.message().contains("gives no reason"), problem::message);
    }

    @Test
    void aCommentWithAnUnknownCodeIsAFindingNamingTheCodesAndSuppressesNothing() throws IOException {
        Suppressions comments = read("-- migrate:lint-ignore index-not-concurent the typo", INDEX + ";");

        assertEquals(Optional.empty(), comments.covering("index-not-concurrent", 2, INDEX));
        assertEquals(List.of("lint-ignore 1 ERROR"), describe(comments.problems()));
        Finding problem = comments.problems().get(0);
        assertTrue(problem.message().contains("'index-not-concurent'"), problem::message);
        assertTrue(problem.nextStep().contains("drop-object, index-not-concurrent"), problem::nextStep);
    }

    @Test
    void aCommentWithNoCodeAtAllIsAFinding() throws IOException {
        Suppressions comments = read("-- migrate:lint-ignore", INDEX + ";");

        assertEquals(List.of("lint-ignore 1 ERROR"), describe(comments.problems()));
        assertTrue(
                comments.problems().get(0).message().contains("names no rule"),
                comments.problems().get(0)::message);
    }

    @Test
    void aLongerWordThatStartsLikeTheCommentIsNotOne() throws IOException {
        Suppressions comments = read("-- migrate:lint-ignored index-not-concurrent not a directive", INDEX + ";");

        assertEquals(List.of(), comments.problems());
        assertEquals(Optional.empty(), comments.covering("index-not-concurrent", 2, INDEX));
    }

    private Suppressions read(String... lines) throws IOException {
        Files.writeString(migrations.resolve("V1__x.sql"), String.join("\n", lines) + "\n");
        MigrationFile file = FlywayInternals.scan(FlywayFactory.withoutDatabase(TestMigrations.in(migrations)))
                .get(0);
        return Suppressions.read(file, CODES);
    }

    private static List<String> describe(List<Finding> findings) {
        return findings.stream()
                .map(finding -> finding.code().id() + " " + finding.line() + " " + finding.level())
                .toList();
    }
}
