package dev.migrate.maven;

import dev.migrate.database.OpenDatabase;
import dev.migrate.downgrade.Downgrade;
import dev.migrate.migration.MigrationSettings;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Downgrades the target database ({@code <url>}, or the embedded development database) to {@code <target>}: runs the
 * undo script ({@code U<version>__<description>.sql} beside {@code V<version>__<description>.sql}) of every applied
 * version above it, the latest first, each in its own transaction with its row in Flyway's history table, which
 * Flyway Community then reads as pending again. Refuses before changing anything when a version has no undo script.
 * Holds Flyway's lock, so it never runs in the middle of an upgrade.
 *
 * @since 0.2.0
 */
@Mojo(name = "downgrade", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class DowngradeMojo extends AbstractTargetMojo {

    @Override
    protected String goal() {
        return "downgrade";
    }

    @Override
    protected void run(GoalContext context) {
        MigrationSettings migrations = migrationSettings(context);
        try (OpenDatabase database = targetDatabase(context).open(migrations, context.log())) {
            Downgrade.downgrade(database, migrations, context.log());
        }
    }
}
