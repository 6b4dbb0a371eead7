package dev.migrate.migration;

import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What Flyway's validate found on one database.
 *
 * @param database  how the database is named in the output
 * @param validated how many migrations Flyway validated
 * @param problems  every problem, in Flyway's order; empty when the migrations and the database agree
 */
public record ValidationResult(String database, int validated, List<ValidationProblem> problems) {

    public ValidationResult {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** The line a successful validate prints. */
    public String summary() {
        return "Validated " + validated + (validated == 1 ? " migration" : " migrations") + " against " + database
                + ": no problem";
    }

    /** Fails with every problem, one line each, when there is any; {@code renderer} names their suggestions. */
    public void requireValid(Function<Suggestion, String> renderer) {
        if (!valid()) {
            throw new UserMistakeException("Validation of the migrations against " + database + " found "
                    + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                    + problems.stream()
                            .map(problem -> "- " + problem.line(renderer))
                            .collect(Collectors.joining("\n")));
        }
    }
}
