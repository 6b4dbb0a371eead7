package dev.migrate.maven;

import dev.migrate.database.OpenDatabase;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Repair;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Repairs Flyway's history table of the target database with Flyway: removes failed rows, realigns checksums,
 * descriptions and types with the files, and marks rows of missing files deleted; one line per change, nothing when
 * there was nothing to repair. Holds Flyway's lock, so it never runs in the middle of an upgrade.
 *
 * @since 0.2.0
 */
@Mojo(name = "repair", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class RepairMojo extends AbstractTargetMojo {

    @Override
    protected String goal() {
        return "repair";
    }

    @Override
    protected void run(GoalContext context) {
        MigrationSettings migrations = migrationSettings(context);
        try (OpenDatabase database = targetDatabase(context).open(migrations, context.log())) {
            Repair.repair(database, migrations, context.log());
        }
    }
}
