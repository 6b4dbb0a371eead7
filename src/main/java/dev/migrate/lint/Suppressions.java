package dev.migrate.lint;

import dev.migrate.check.Finding;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.migration.internals.MigrationFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -- migrate:lint-ignore <code> <reason>} comments of one migration file. A comment suppresses a hazard of
 * its code when it stands in the comment lines directly above the statement or on one of the statement's own lines
 * (at the end of its line). The statement's first line and its text come from the engine, which has them from
 * Flyway's parser: this class reads only comments, and splits no SQL. A comment without a reason, or with a code no
 * rule has, suppresses nothing and is a finding itself, so that a typo cannot silence a rule.
 */
final class Suppressions {

    static final String DIRECTIVE = "migrate:lint-ignore";

    private static final Pattern COMMENT =
            Pattern.compile("--\\s*" + Pattern.quote(DIRECTIVE) + "(?![\\w-])[ \\t]*(\\S*)[ \\t]*(.*)$");

    /** A comment that suppresses the hazards of {@code code} around its line, for {@code reason}. */
    record Suppression(int line, String code, String reason) {}

    private final List<String> lines;
    private final List<Suppression> suppressions;
    private final List<Finding> problems;

    private Suppressions(List<String> lines, List<Suppression> suppressions, List<Finding> problems) {
        this.lines = lines;
        this.suppressions = suppressions;
        this.problems = problems;
    }

    /** The comments of {@code file}; none for a migration that is no file (a resource inside a jar). */
    static Suppressions read(MigrationFile file, Set<String> knownCodes) {
        if (file.file() == null) {
            return new Suppressions(List.of(), List.of(), List.of());
        }
        try {
            return parse(file, Files.readAllLines(file.file(), StandardCharsets.UTF_8), knownCodes);
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot read " + file.file() + ": " + e, e);
        }
    }

    static Suppressions parse(MigrationFile file, List<String> lines, Set<String> knownCodes) {
        List<Suppression> suppressions = new ArrayList<>();
        List<Finding> problems = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            Matcher comment = COMMENT.matcher(lines.get(index));
            if (!comment.find()) {
                continue;
            }
            int line = index + 1;
            String code = comment.group(1);
            String reason = comment.group(2).strip();
            if (!knownCodes.contains(code)) {
                problems.add(problem(
                        file,
                        line,
                        "The comment " + DIRECTIVE + " names " + (code.isEmpty() ? "no rule" : "'" + code + "'")
                                + ", which is not a rule's code, and suppresses nothing.",
                        "Name one of the codes "
                                + String.join(", ", knownCodes.stream().sorted().toList())
                                + ", followed by the reason the statement is safe."));
            } else if (reason.isEmpty()) {
                problems.add(problem(
                        file,
                        line,
                        "The comment " + DIRECTIVE + " " + code + " gives no reason, and suppresses nothing.",
                        "Say after the code why the statement is safe (e.g. 'the table has 200 rows'): reviewers"
                                + " and the build log read it."));
            } else {
                suppressions.add(new Suppression(line, code, reason));
            }
        }
        return new Suppressions(lines, List.copyOf(suppressions), List.copyOf(problems));
    }

    /** The comments that suppress nothing, each a finding at its line. */
    List<Finding> problems() {
        return problems;
    }

    /**
     * The suppression of a hazard of {@code code} raised on the statement that starts at {@code statementLine} and
     * whose text is {@code statement}, if the file has one.
     */
    Optional<Suppression> covering(String code, int statementLine, String statement) {
        int first = statementLine;
        while (first > 1
                && first - 2 < lines.size()
                && lines.get(first - 2).strip().startsWith("--")) {
            first--;
        }
        int last = statementLine + (int) statement.lines().count() - 1;
        int from = first;
        return suppressions.stream()
                .filter(suppression -> suppression.code().equals(code))
                .filter(suppression -> suppression.line() >= from && suppression.line() <= last)
                .findFirst();
    }

    private static Finding problem(MigrationFile file, int line, String message, String nextStep) {
        return Finding.of(LintProblem.SUPPRESSION, file.file(), line, message, nextStep);
    }
}
