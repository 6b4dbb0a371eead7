package dev.migrate.maven;

import dev.migrate.database.OpenDatabase;
import dev.migrate.migration.Clean;
import dev.migrate.migration.MigrationSettings;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Drops every object in the schemas Flyway manages, with Flyway, and prints per schema what it dropped. The embedded
 * development database is simply emptied; a server only when {@code -Dmigrate.clean.confirm} names the database the
 * URL leads to, so that a typo in a URL cannot clean another database. Flyway's {@code cleanDisabled}, when set, wins.
 *
 * @since 0.2.0
 */
@Mojo(name = "clean", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class CleanMojo extends AbstractTargetMojo {

    /**
     * The name of the database to clean, exactly as the server names it ({@code current_database()}): required to
     * clean a server, not the embedded development database.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.CLEAN_CONFIRM)
    private String cleanConfirm;

    @Override
    protected String goal() {
        return "clean";
    }

    @Override
    protected void run(GoalContext context) {
        MigrationSettings migrations = migrationSettings(context);
        try (OpenDatabase database = targetDatabase(context).open(migrations, context.log())) {
            Clean.clean(database, migrations, cleanConfirm, context.log());
        }
    }
}
