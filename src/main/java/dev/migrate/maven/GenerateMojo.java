package dev.migrate.maven;

import dev.migrate.codegen.CodegenInputs;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates the jOOQ classes of the migrated schema: unless they are up to date, migrates a database (the module's
 * schema cached on the build's embedded PostgreSQL, to which only new migrations are applied; or a new database on
 * {@code <codegenUrl>}, dropped afterwards) and generates from it with jOOQ.
 * Whether they are up to date is decided before any database starts, from a fingerprint of the migrations, the
 * configuration and the versions. The output directory is a compile source root in every case.
 *
 * @since 0.1.0
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractGeneratingMojo {

    /**
     * Regenerates even when the classes are up to date.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.GENERATE_FORCE, defaultValue = "false")
    private boolean force;

    @Override
    protected String goal() {
        return "generate";
    }

    /** The classes may be up to date, or restored from the shared cache: then no library is needed. */
    @Override
    protected boolean loadsLibrariesWhenNeeded() {
        return true;
    }

    @Override
    protected void skipped(MavenConfiguration maven) {
        addCompileSourceRoot(maven);
    }

    @Override
    protected void run(GoalContext context) {
        if (skipGenerate()) {
            // skipped as a whole: nothing of the inputs is read, neither the migrations nor the shared cache
            context.log().info("Skipping migrate:generate (" + PropertyNames.GENERATE_SKIP + " is true)");
            addCompileSourceRoot(context.maven());
            return;
        }
        CodegenInputs inputs = codegenInputs(context);
        try {
            generateFromMigrations(context, inputs, force);
        } finally {
            // like the compiler's generated sources: registered also when generating failed, for IDEs and the build
            addCompileSourceRoot(inputs);
        }
    }
}
