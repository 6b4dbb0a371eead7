package dev.migrate.maven;

import dev.migrate.authoring.NewMigration;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the next migration file into the first {@code filesystem:} location: {@code V<next>__<name>.sql}, with the
 * next version in the project's own style (integer, zero-padded, dotted or timestamp), a name Flyway accepts and a
 * header comment. Never replaces a file; prints the path.
 *
 * @since 0.2.0
 */
@Mojo(name = "new", threadSafe = true)
public class NewMojo extends AbstractMigrationsMojo {

    /**
     * What the migration does, in words: {@code -Dmigrate.name="add stock to products"} becomes
     * {@code V<next>__add_stock_to_products.sql}.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.NEW_NAME)
    private String name;

    /**
     * Writes a repeatable migration {@code R__<name>.sql} instead of a versioned one.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.NEW_REPEATABLE, defaultValue = "false")
    private boolean repeatable;

    /**
     * Also writes the undo migration {@code U<version>__<name>.sql} beside the versioned one, as Flyway Teams names
     * it. Flyway Community refuses {@code U} files as misnamed (the plugin has Flyway validate migration names), so
     * use it only with Flyway Teams' undo.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.NEW_UNDO, defaultValue = "false")
    private boolean undo;

    @Override
    protected String goal() {
        return "new";
    }

    @Override
    protected void run(GoalContext context) {
        NewMigration.Request request = new NewMigration.Request(
                migrationSettings(context, null), name, repeatable, undo, HelpfulSuggestions::suggest);
        for (Path created : NewMigration.create(request, Clock.systemDefaultZone())) {
            context.log().info("Created " + created);
        }
    }
}
