package dev.migrate.migration;

/**
 * One thing Flyway's validate found wrong with a migration.
 *
 * @param migration the migration's file, or its version and description when there is no file
 * @param problem   what is wrong
 * @param nextStep  what to do about it
 */
public record ValidationProblem(String migration, String problem, String nextStep) {

    /** The line the build prints for it. */
    public String line() {
        return migration + ": " + problem + ". " + nextStep;
    }
}
