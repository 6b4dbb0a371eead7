package dev.migrate.check;

import dev.migrate.database.OpenDatabase;
import dev.migrate.drift.Drift;
import dev.migrate.drift.DriftCheck;
import dev.migrate.error.Suggestion;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.MigrationStatus;
import dev.migrate.migration.Validation;
import dev.migrate.migration.ValidationProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code migrate:check}, the CI gate: everything that can be wrong with the migrations (without a database), the round
 * trip of their undo scripts (on a throwaway database) and, when it is given one, with the database they were applied
 * to: Flyway's validation and drift.
 */
public final class CiCheck {

    private CiCheck() {}

    /**
     * The database part of the check.
     *
     * @param target                  opens the database the migrations were applied to
     * @param throwawayOfMajorVersion opens an empty throwaway database of a PostgreSQL major version, for drift
     * @param drift                   whether to compare the schemas
     */
    public record DatabaseChecks(
            Supplier<OpenDatabase> target, Function<String, OpenDatabase> throwawayOfMajorVersion, boolean drift) {}

    /**
     * Checks of other packages whose findings join the reports, such as the lint.
     *
     * @param rules    the rules they apply, for the SARIF report
     * @param findings runs them
     */
    public record MoreChecks(List<? extends FindingRule> rules, Supplier<List<Finding>> findings) {

        public static final MoreChecks NONE = new MoreChecks(List.of(), List::of);
    }

    /**
     * Runs the checks, writes the reports, and returns the findings, errors first as found.
     *
     * @param database         the database part, or {@code null} for the checks without a database
     * @param undoThrowaway    opens the empty throwaway database the undo scripts' round trip runs on
     *                         ({@link UndoRoundTrip}), or {@code null} to leave that check out
     * @param more             checks of other packages, run after these
     * @param reportsDirectory where {@code check.json} and {@code check.sarif} go
     * @param renderer         names a finding's suggested setting or action in the caller's terms, for the reports
     */
    public static List<Finding> run(
            MigrationSettings migrations,
            DatabaseChecks database,
            Supplier<OpenDatabase> undoThrowaway,
            MoreChecks more,
            Path projectDirectory,
            Path reportsDirectory,
            Function<Suggestion, String> renderer,
            BuildLog log) {
        List<Finding> findings = new ArrayList<>(StaticChecks.run(migrations));
        if (undoThrowaway != null) {
            findings.addAll(UndoRoundTrip.run(migrations, undoThrowaway, log));
        }
        if (database != null) {
            try (OpenDatabase target = database.target().get()) {
                findings.addAll(databaseFindings(target, migrations, database, log));
            }
        }
        findings.addAll(more.findings().get());
        List<FindingRule> rules = new ArrayList<>(List.of(FindingCode.values()));
        rules.addAll(more.rules());
        FindingsReport.writeJson(findings, renderer, projectDirectory, reportsDirectory.resolve("check.json"));
        FindingsReport.writeSarif(rules, findings, renderer, projectDirectory, reportsDirectory.resolve("check.sarif"));
        return findings;
    }

    private static List<Finding> databaseFindings(
            OpenDatabase target, MigrationSettings migrations, DatabaseChecks database, BuildLog log) {
        List<Finding> findings = new ArrayList<>();
        for (ValidationProblem problem :
                Validation.validate(target, migrations, log).problems()) {
            findings.add(Finding.of(
                    FindingCode.VALIDATE,
                    null,
                    0,
                    problem.migration() + ": " + problem.problem() + " (in " + target.displayName() + ")",
                    problem.nextStep(),
                    problem.suggestion()));
        }
        boolean migrated = MigrationStatus.read(target, migrations, log).currentVersion() != null;
        if (database.drift() && migrated) {
            for (Drift drift : DriftCheck.run(target, migrations, database.throwawayOfMajorVersion(), log)) {
                findings.add(Finding.of(
                        FindingCode.DRIFT,
                        null,
                        0,
                        drift.summary() + " (in " + target.displayName() + ")",
                        "Undo the change by hand, or write a migration that makes it; hint (SQL to review before"
                                + " running): " + drift.hint()));
            }
        }
        return findings;
    }
}
