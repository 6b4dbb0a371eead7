package dev.migrate.maven;

import dev.migrate.codegen.CodegenInputs;
import dev.migrate.codegen.CodegenWorkflow;
import dev.migrate.database.ConnectionSettings;
import dev.migrate.database.SchemaCache;
import dev.migrate.database.ThrowawayDatabase;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Generates the jOOQ classes of the migrated schema: unless they are up to date, migrates a database (the module's
 * schema cached on the build's embedded PostgreSQL, to which only new migrations are applied; or a new database on
 * {@code <codegenUrl>}, dropped afterwards) and generates from it with jOOQ.
 * Whether they are up to date is decided before any database starts, from a fingerprint of the migrations, the
 * configuration and the versions. The output directory is a compile source root in every case.
 *
 * @since 0.1.0
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES,
        requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class GenerateMojo extends AbstractMigrateMojo {

    /**
     * Regenerates even when the classes are up to date.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.GENERATE_FORCE, defaultValue = "false")
    private boolean force;

    /**
     * An existing PostgreSQL server to generate on instead of the embedded one, e.g.
     * {@code jdbc:postgresql://localhost:5432/postgres}: the plugin creates a uniquely named database there (the
     * user needs {@code CREATEDB}), migrates it, generates, and drops it, also when the build fails.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CODEGEN_URL)
    private String codegenUrl;

    /**
     * The user for {@link #codegenUrl}. Give either this or {@link #codegenServerId}, not both.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CODEGEN_USER)
    private String codegenUser;

    /**
     * The password for {@link #codegenUser}; prefer {@link #codegenServerId}. Property:
     * {@code migrate.codegenPassword}, read by the plugin rather than injected by Maven so that {@code -X} does not
     * print it (see {@code password}). Never logged.
     *
     * @since 0.1.0
     */
    @Parameter
    private String codegenPassword;

    /**
     * The {@code <id>} of a settings.xml {@code <server>} with the user name and (optionally encrypted) password for
     * {@link #codegenUrl}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CODEGEN_SERVER_ID)
    private String codegenServerId;

    @Override
    protected String goal() {
        return "generate";
    }

    /** The promise of docs/generate.md: the classes stay part of the compilation also when every goal is skipped. */
    @Override
    protected void skipped() {
        addCompileSourceRoot(codegenOutputDirectory());
    }

    @Override
    protected void run(GoalContext context) {
        CodegenInputs inputs = codegenInputs(context);
        try {
            if (skipGenerate()) {
                context.log().info("Skipping migrate:generate (" + PropertyNames.GENERATE_SKIP + " is true)");
                return;
            }
            ConnectionSettings server = serverCredentials().resolve("codegen", codegenUrl, codegenUser,
                    codegenPassword(), codegenServerId, false);
            ThrowawayDatabase throwaway = new ThrowawayDatabase(server, this::embeddedSettings, migrateDirectory());
            if (server != null) {
                CodegenWorkflow.generate(inputs, throwaway, force, context.log());
            } else {
                SchemaCache.Location cache = new SchemaCache.Location(this::embeddedSettings, buildMigrateDirectory(),
                        SchemaCache.databaseName(project().getArtifactId(), project().getBasedir().toPath()));
                CodegenWorkflow.generateCached(inputs, cache, throwaway, force, context.log());
            }
        } finally {
            // like the compiler's generated sources: registered also when generating failed, for IDEs and the build
            addCompileSourceRoot(inputs.codegen().outputDirectory());
        }
    }

    @Override
    protected List<String> knownSecrets() {
        List<String> secrets = super.knownSecrets();
        secrets.add(codegenPassword());
        secrets.addAll(serverSecrets(codegenServerId));
        return secrets;
    }

    private String codegenPassword() {
        return userProperty(PropertyNames.CODEGEN_PASSWORD_PROPERTY, codegenPassword);
    }
}
