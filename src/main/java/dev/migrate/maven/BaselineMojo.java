package dev.migrate.maven;

import dev.migrate.database.OpenDatabase;
import dev.migrate.migration.Baseline;
import dev.migrate.migration.MigrationSettings;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Baselines an existing database with Flyway: records {@code baselineVersion} in a new history table, so that only
 * the migrations above it are applied. Refuses a database that already has a history table, before changing anything.
 *
 * @since 0.2.0
 */
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class BaselineMojo extends AbstractTargetMojo {

    /**
     * The version the database is at. Default: Flyway's ({@code 1}).
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.BASELINE_VERSION)
    private String baselineVersion;

    /**
     * The description of the baseline row. Default: Flyway's ({@code << Flyway Baseline >>}).
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.BASELINE_DESCRIPTION)
    private String baselineDescription;

    @Override
    protected String goal() {
        return "baseline";
    }

    @Override
    protected void run(GoalContext context) {
        MigrationSettings migrations = migrationSettings(context);
        try (OpenDatabase database = targetDatabase(context).open(migrations, context.log())) {
            Baseline.baseline(database, migrations, baselineVersion, baselineDescription, context.log());
        }
    }
}
