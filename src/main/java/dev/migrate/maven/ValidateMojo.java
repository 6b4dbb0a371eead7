package dev.migrate.maven;

import dev.migrate.database.OpenDatabase;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Validation;
import dev.migrate.migration.ValidationResult;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Validates the migrations against the target database with Flyway ({@code <url>}, or the embedded development
 * database): every changed checksum, missing file, failed row and pending migration, one line each with what to do;
 * the build fails when there is any.
 *
 * @since 0.2.0
 */
@Mojo(name = "validate", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class ValidateMojo extends AbstractTargetMojo {

    @Override
    protected String goal() {
        return "validate";
    }

    @Override
    protected void run(GoalContext context) {
        MigrationSettings migrations = migrationSettings(context);
        try (OpenDatabase database = targetDatabase(context).open(migrations, context.log())) {
            ValidationResult result = Validation.validate(database, migrations, context.log());
            result.requireValid(HelpfulSuggestions::suggest);
            context.log().info(result.summary());
        }
    }
}
