package dev.migrate.lint;

import dev.migrate.check.Finding;
import dev.migrate.check.FindingRule;
import dev.migrate.check.FindingsReport;
import dev.migrate.check.MigrationLock;
import dev.migrate.database.OpenDatabase;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.MigrationFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One lint: chooses the migrations ({@link LintSelection}), has the engine ({@link Linter}) replay them on a
 * throwaway database, and turns its hazards into findings at the configured levels, minus those a
 * {@code migrate:lint-ignore} comment suppresses (each logged with its reason). The configuration is checked and the
 * comments are read before any database starts, and no database starts when there is nothing to lint.
 */
public final class LintRun {

    private LintRun() {}

    /**
     * What to lint and how.
     *
     * @param migrations the migrations, as Flyway reads them
     * @param all        lint every migration
     * @param since      lint the migrations after this version, or {@code null} (then those the lock file lacks)
     * @param levels     the level of a rule by its code: off, warning or error; absent rules keep their default
     * @param throwaway  opens an empty throwaway database to replay the migrations on
     */
    public record Request(
            MigrationSettings migrations,
            boolean all,
            String since,
            Map<String, String> levels,
            Supplier<OpenDatabase> throwaway) {

        public Request {
            levels = Map.copyOf(levels);
        }
    }

    /**
     * What the lint found.
     *
     * @param findings   the hazards at their levels and the lint comments that suppress nothing, by file and line
     * @param linted     how many migrations were linted
     * @param suppressed how many hazards a comment suppressed
     */
    public record Result(List<Finding> findings, int linted, int suppressed) {

        public Result {
            findings = List.copyOf(findings);
        }

        public long errors() {
            return findings.stream()
                    .filter(finding -> finding.level() == Finding.Level.ERROR)
                    .count();
        }

        /** The summary line, e.g. {@code Lint: 1 error, 2 warnings in 3 migrations (0 suppressed)}. */
        public String summary() {
            long errors = errors();
            long warnings = findings.size() - errors;
            return "Lint: " + errors + (errors == 1 ? " error, " : " errors, ") + warnings
                    + (warnings == 1 ? " warning" : " warnings") + " in " + linted
                    + (linted == 1 ? " migration" : " migrations") + " (" + suppressed + " suppressed)";
        }

        /** The failure of a lint with errors: how to fix, suppress or relevel them. */
        public UserMistakeException failure(Path sarif) {
            return new UserMistakeException(
                    "Lint found " + errors() + (errors() == 1 ? " error" : " errors") + " (listed above, and in "
                            + sarif + "). Write the statement the safe way its message gives; or, when it is safe"
                            + " here (e.g. the table is small), put a comment '-- " + Suppressions.DIRECTIVE
                            + " <code> <why it is safe>' on the line above it; or change the rule's level.",
                    new Suggestion.Change(Setting.LINT_RULES));
        }
    }

    /** Every rule a lint applies, as the reports list them. */
    public static List<FindingRule> rules() {
        return Stream.concat(Arrays.stream(LintRule.values()).map(LintCode::new), Stream.of(LintProblem.SUPPRESSION))
                .map(FindingRule.class::cast)
                .toList();
    }

    /** Lints the migrations {@code request} chooses. */
    public static Result run(Request request, BuildLog log) {
        RuleLevels levels = RuleLevels.parse(request.levels());
        MigrationSettings migrations = request.migrations();
        List<MigrationFile> files = FlywayInternals.scan(FlywayFactory.withoutDatabase(migrations));
        Optional<MigrationLock> lock = migrations.firstFilesystemLocation().flatMap(MigrationLock::read);
        LintSelection.Chosen chosen = LintSelection.choose(files, lock, request.all(), request.since());
        log.info("Linting " + chosen.files().size() + " of " + files.size() + " migrations: " + chosen.reason() + ".");
        Set<String> codes = Arrays.stream(LintRule.values()).map(LintRule::id).collect(Collectors.toSet());
        Map<String, LintedFile> byScript = new LinkedHashMap<>();
        for (MigrationFile file : chosen.files()) {
            Suppressions comments = Suppressions.read(file, codes);
            byScript.put(file.script(), new LintedFile(file, comments, new ArrayList<>(comments.problems())));
        }
        int suppressed = 0;
        for (Hazard hazard : hazards(request, chosen, log)) {
            LintedFile linted = byScript.get(hazard.script());
            Optional<Suppressions.Suppression> suppression =
                    linted.comments().covering(hazard.rule().id(), hazard.line(), hazard.statement());
            if (suppression.isPresent()) {
                suppressed++;
                log.info("Suppressed " + hazard.script() + ":" + hazard.line() + " "
                        + hazard.rule().id() + ": " + suppression.get().reason());
            } else {
                levels.levelOf(hazard.rule())
                        .ifPresent(level -> linted.findings().add(finding(hazard, linted.file(), level)));
            }
        }
        List<Finding> findings = byScript.values().stream()
                .flatMap(linted -> linted.findings().stream().sorted(Comparator.comparingInt(Finding::line)))
                .toList();
        return new Result(findings, chosen.files().size(), suppressed);
    }

    /** A chosen file, its lint comments, and its findings so far. */
    private record LintedFile(MigrationFile file, Suppressions comments, List<Finding> findings) {}

    /** The engine's hazards in the chosen files; none, and no database started, when no file is chosen. */
    private static List<Hazard> hazards(Request request, LintSelection.Chosen chosen, BuildLog log) {
        if (chosen.files().isEmpty()) {
            return List.of();
        }
        try (OpenDatabase throwaway = request.throwaway().get()) {
            return Linter.lint(request.migrations(), throwaway, chosen.asPredicate(), log);
        }
    }

    /** Writes {@code lint.json} and {@code lint.sarif} into {@code reportsDirectory}; returns the SARIF file. */
    public static Path writeReports(
            Result result, Function<Suggestion, String> renderer, Path projectDirectory, Path reportsDirectory) {
        Path sarif = reportsDirectory.resolve("lint.sarif");
        FindingsReport.writeJson(result.findings(), renderer, projectDirectory, reportsDirectory.resolve("lint.json"));
        FindingsReport.writeSarif(rules(), result.findings(), renderer, projectDirectory, sarif);
        return sarif;
    }

    /** One line for the build log: {@code file:line code message}, the file relative to the project. */
    public static String logLine(Finding finding, Path projectDirectory) {
        String where = finding.file() == null ? "" : FindingsReport.relative(projectDirectory, finding.file());
        return where + (finding.line() > 0 ? ":" + finding.line() : "") + " "
                + finding.code().id() + " " + finding.message();
    }

    private static Finding finding(Hazard hazard, MigrationFile file, Finding.Level level) {
        return new Finding(
                new LintCode(hazard.rule()),
                level,
                file.file(),
                hazard.line(),
                hazard.message(),
                "If it is safe here, put a comment '-- " + Suppressions.DIRECTIVE + " "
                        + hazard.rule().id() + " <why it is safe>' on the line above it; or change the rule's level.",
                new Suggestion.Change(Setting.LINT_RULES, hazard.rule().id()));
    }
}
