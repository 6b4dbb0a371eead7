package dev.migrate.maven;

import dev.migrate.codegen.CodegenInputs;
import dev.migrate.codegen.CodegenWorkflow;
import dev.migrate.database.OpenDatabase;
import dev.migrate.migration.Migrator;
import dev.migrate.migration.TargetDatabase;
import dev.migrate.migration.UpgradeResult;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies the pending migrations to the target database ({@code <url>}), or to the embedded development database when
 * no URL is configured, with Flyway; then, unless {@code -Dmigrate.generate.skip}, regenerates the jOOQ classes: from
 * the development database it just migrated, or, after an upgrade of a server, from the migrations exactly as
 * {@code migrate:generate} does, never by reading the server, which may hold more than the migrations create.
 *
 * @since 0.1.0
 */
@Mojo(name = "upgrade", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class UpgradeMojo extends AbstractGeneratingMojo {

    @Override
    protected String goal() {
        return "upgrade";
    }

    @Override
    protected void run(GoalContext context) {
        CodegenInputs codegen = codegenInputs(context);
        TargetDatabase target = targetDatabase();
        boolean onServer = target.server() != null;
        try (OpenDatabase database = target.open(codegen.migrations(), context.log())) {
            UpgradeResult upgraded = Migrator.upgrade(database, codegen.migrations(), context.log());
            if (!skipGenerate() && !onServer) {
                CodegenWorkflow.regenerate(database, codegen, upgraded, context.log());
            }
        }
        if (!skipGenerate()) {
            if (onServer) {
                generateFromMigrations(codegen, false, context.log());
            }
            addCompileSourceRoot(codegen.codegen().outputDirectory());
        }
    }
}
