package dev.migrate.lint;

import dev.migrate.check.Finding.Level;
import dev.migrate.check.FindingRule;

/** What lint finds wrong with the lint comments themselves, beside the hazards its rules find. */
record LintProblem(String id, Level level, String title, String help) implements FindingRule {

    static final LintProblem SUPPRESSION = new LintProblem(
            "lint-ignore",
            Level.ERROR,
            "A migrate:lint-ignore comment without a rule's code or without a reason",
            "A comment '-- migrate:lint-ignore <code> <reason>' must name the code of a rule and say why the"
                    + " statement is safe; otherwise it suppresses nothing and fails the lint, so that a typo cannot"
                    + " silence a rule and every suppression is explained to its reviewers.");
}
