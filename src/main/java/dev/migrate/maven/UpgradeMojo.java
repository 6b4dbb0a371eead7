package dev.migrate.maven;

import dev.migrate.codegen.CodegenInputs;
import dev.migrate.codegen.CodegenWorkflow;
import dev.migrate.database.OpenDatabase;
import dev.migrate.flyway.Migrator;
import dev.migrate.flyway.UpgradeResult;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies the pending migrations to the target database ({@code <url>}), or to the embedded development database when
 * no URL is configured, with Flyway; then regenerates the jOOQ classes from the migrated schema unless
 * {@code -Dmigrate.generate.skip}.
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
        CodegenInputs codegen = codegenInputs(context);
        try (OpenDatabase database = targetDatabase().open(codegen.migrations(), context.log())) {
            UpgradeResult upgraded = Migrator.upgrade(database, codegen.migrations(), context.log());
            if (!skipGenerate()) {
                CodegenWorkflow.regenerate(database, codegen, upgraded, context.log());
                addCompileSourceRoot(codegen.codegen().outputDirectory());
            }
        }
    }
}
