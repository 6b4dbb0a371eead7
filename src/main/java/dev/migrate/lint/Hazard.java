package dev.migrate.lint;

/**
 * One hazard the linter found in a migration.
 *
 * @param script    the migration as Flyway records it (its path relative to its location)
 * @param line      the line of the statement in the file
 * @param rule      the rule it breaks
 * @param message   what PostgreSQL did, naming the relation or column, and the safe way to write it
 * @param statement the statement, as Flyway's parser split it
 */
public record Hazard(String script, int line, LintRule rule, String message, String statement) {}
