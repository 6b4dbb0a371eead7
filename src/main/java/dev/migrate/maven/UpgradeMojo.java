package dev.migrate.maven;

import dev.migrate.database.OpenDatabase;
import dev.migrate.flyway.Migrator;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies the pending migrations to the target database ({@code <url>}), or to the embedded development database when
 * no URL is configured, with Flyway.
 *
 * @since 0.1.0
 */
@Mojo(name = "upgrade", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class UpgradeMojo extends AbstractMigrateMojo {

    @Override
    protected String goal() {
        return "upgrade";
    }

    @Override
    protected void run(GoalContext context) {
        try (OpenDatabase database = targetDatabase().open(context.log())) {
            Migrator.upgrade(database, migrationSettings(context.projectClassLoader()), context.log());
        }
    }
}
