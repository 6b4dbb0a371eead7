package dev.migrate.lint;

import dev.migrate.check.Finding.Level;
import dev.migrate.check.FindingRule;

/** A lint rule as the reports list it: its code, default level, title and docs. */
record LintCode(LintRule rule) implements FindingRule {

    @Override
    public String id() {
        return rule.id();
    }

    @Override
    public Level level() {
        return rule.level();
    }

    @Override
    public String title() {
        return rule.title();
    }

    @Override
    public String help() {
        return rule.docs();
    }
}
