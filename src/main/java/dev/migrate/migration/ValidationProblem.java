package dev.migrate.migration;

import dev.migrate.error.Suggestion;
import java.util.function.Function;

/**
 * One thing Flyway's validate found wrong with a migration.
 *
 * @param migration  the migration's file, or its version and description when there is no file
 * @param problem    what is wrong
 * @param nextStep   what to do about it
 * @param suggestion what to run or change, for the caller to name; {@code null} when the next step says it all
 */
public record ValidationProblem(String migration, String problem, String nextStep, Suggestion suggestion) {

    ValidationProblem(String migration, String problem, String nextStep) {
        this(migration, problem, nextStep, null);
    }

    /** The line the build prints for it, with the suggestion as {@code renderer} names it. */
    public String line(Function<Suggestion, String> renderer) {
        return migration + ": " + problem + ". " + nextStep
                + (suggestion == null ? "" : ". " + renderer.apply(suggestion));
    }
}
