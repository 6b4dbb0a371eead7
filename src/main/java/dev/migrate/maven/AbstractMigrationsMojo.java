package dev.migrate.maven;

import dev.migrate.migration.MigrationSettings;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters of the goals that read the migrations: where they are and how Flyway reads them. */
abstract class AbstractMigrationsMojo extends AbstractMigrateMojo {

    /**
     * The schemas Flyway manages; the first one holds the history table. Default: the connection's default schema
     * ({@code public}).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SCHEMAS)
    private List<String> schemas;

    /**
     * Where the migrations are: Flyway locations, {@code filesystem:} (relative to the project's directory) or
     * {@code classpath:} (the project's resources and classes, and its compile dependencies).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.LOCATIONS, defaultValue = "filesystem:src/main/resources/db/migration")
    private List<String> locations;

    /**
     * Placeholder values, replaced in the migrations as Flyway replaces {@code ${name}}. Add or override one on the
     * command line with {@code -Dmigrate.placeholders.<name>=<value>}.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> placeholders;

    /**
     * Any other Flyway setting, by its Flyway name without the {@code flyway.} prefix, e.g.
     * {@code <outOfOrder>true</outOfOrder>}. Add or override one with {@code -Dmigrate.flyway.<name>=<value>}.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> flyway;

    /** The migrations, up to {@code target} ({@code null}: the latest). */
    protected MigrationSettings migrationSettings(GoalContext context, String target) {
        return migrationSettings(context.maven(), context.projectClassLoader(), target);
    }

    protected MigrationSettings migrationSettings(
            MavenConfiguration maven, ClassLoader projectClassLoader, String target) {
        return maven.migrations(
                new MavenConfiguration.MigrationParameters(locations, schemas, placeholders, flyway),
                target,
                projectClassLoader);
    }
}
