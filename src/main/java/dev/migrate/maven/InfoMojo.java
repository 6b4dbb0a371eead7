package dev.migrate.maven;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.UserMistakeException;
import dev.migrate.info.StatusFormat;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.MigrationStatus;
import dev.migrate.migration.StatusReport;
import java.util.Arrays;
import java.util.Locale;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Prints every migration with its state (applied, pending, failed, out of order, missing, future), the current
 * version and the number of pending migrations.
 *
 * @since 0.1.0
 */
@Mojo(name = "info", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class InfoMojo extends AbstractTargetMojo {

    /**
     * {@code table} for people, {@code json} for machines.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.INFO_FORMAT, defaultValue = "table")
    private String format;

    /** {@code -Dmigrate.info.format=json} prints the status with Jackson. */
    @Override
    protected boolean writesJson() {
        return true;
    }

    @Override
    protected String goal() {
        return "info";
    }

    @Override
    protected void run(GoalContext context) {
        StatusFormat statusFormat = parseFormat();
        MigrationSettings migrations = migrationSettings(context);
        try (OpenDatabase database = targetDatabase(context).open(migrations, context.log())) {
            StatusReport report = MigrationStatus.read(database, migrations, context.log());
            context.log().info(statusFormat.render(report.withAdvice(HelpfulSuggestions::suggest)));
        }
    }

    private StatusFormat parseFormat() {
        try {
            return StatusFormat.valueOf(format.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserMistakeException("<format> (-D" + PropertyNames.INFO_FORMAT + ") is '" + format
                    + "'; use one of "
                    + Arrays.stream(StatusFormat.values())
                            .map(value -> value.name().toLowerCase(Locale.ROOT))
                            .toList() + ".");
        }
    }
}
