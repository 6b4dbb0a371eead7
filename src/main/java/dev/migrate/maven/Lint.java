package dev.migrate.maven;

import java.util.Map;

/**
 * The {@code <lint>} parameter: which migrations {@code migrate:lint} lints (also when {@code migrate:check} runs
 * it), and the level of each rule.
 *
 * @since 0.2.0
 */
public class Lint {

    /**
     * The level of a rule by its code, {@code off}, {@code warning} or {@code error}, e.g.
     * {@code <index-not-concurrent>warning</index-not-concurrent>}. Property per rule:
     * {@code migrate.lint.rules.<code>}. Default: each rule's own level.
     */
    private Map<String, String> rules;

    /**
     * Lint only the versioned migrations above this version: the baseline of a project that has no lock file yet.
     * Property: {@code migrate.lint.since}. Default: none, lint the versioned migrations the lock file
     * {@code migrations.lock} does not record (every migration when there is no lock file).
     */
    private String since;

    /**
     * Lint every migration, versioned and repeatable. Property: {@code migrate.lint.all}. Default: {@code false}.
     */
    private boolean all;

    public Map<String, String> getRules() {
        return rules;
    }

    public void setRules(Map<String, String> rules) {
        this.rules = rules;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }

    public boolean isAll() {
        return all;
    }

    public void setAll(boolean all) {
        this.all = all;
    }
}
