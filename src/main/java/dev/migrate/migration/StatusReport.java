package dev.migrate.migration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.migrate.error.Suggestion;
import java.util.List;
import java.util.function.Function;

/**
 * The state of every migration on one database.
 *
 * @param database       how the database is named in the output
 * @param currentVersion the schema version, or {@code null} for a database without history
 * @param pending        how many migrations wait to be applied
 * @param migrations     every migration, in Flyway's order
 * @param failed         the scripts of the migrations Flyway recorded as failed, which stop every later upgrade
 * @param nextStep       what to do about the failed migrations, or {@code null} when there is none
 * @param suggestion     what to run about them, for the caller to name ({@link #withAdvice}); {@code null} for none
 */
public record StatusReport(
        String database,
        String currentVersion,
        int pending,
        List<MigrationRow> migrations,
        List<String> failed,
        String nextStep,
        @JsonIgnore Suggestion suggestion) {

    public StatusReport {
        migrations = List.copyOf(migrations);
        failed = List.copyOf(failed);
    }

    /** The report with its suggestion added to the next step, in the words {@code renderer} gives it. */
    public StatusReport withAdvice(Function<Suggestion, String> renderer) {
        return suggestion == null
                ? this
                : new StatusReport(
                        database,
                        currentVersion,
                        pending,
                        migrations,
                        failed,
                        nextStep + " " + renderer.apply(suggestion),
                        null);
    }
}
