package dev.migrate.maven;

import dev.migrate.codegen.CodegenInputs;
import dev.migrate.codegen.CodegenWorkflow;
import dev.migrate.codegen.incremental.SchemaCache;
import dev.migrate.connection.ConnectionSettings;
import dev.migrate.database.ThrowawayDatabase;
import dev.migrate.log.BuildLog;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that generate the jOOQ classes from the migrations, never from a server that holds more than they create:
 * {@code generate}, and {@code upgrade} of a server. Where they generate: the module's schema cached on the build's
 * embedded PostgreSQL, or a throwaway database on {@link #codegenUrl}.
 */
abstract class AbstractGeneratingMojo extends AbstractMigrateMojo {

    /**
     * An existing PostgreSQL server to generate on instead of the embedded one, e.g.
     * {@code jdbc:postgresql://localhost:5432/postgres}: the plugin creates a uniquely named database there (the
     * user needs {@code CREATEDB}), migrates it, generates, and drops it, also when the build fails. Property:
     * {@code migrate.codegenUrl}, read by the plugin so that {@code -X} never prints it; a URL that holds a password
     * is refused (use {@link #codegenServerId} or {@code -Dmigrate.codegenPassword}).
     *
     * @since 0.1.0
     */
    @Parameter
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

    /**
     * Generates the jOOQ classes from the migrations unless they are up to date: on a throwaway database on
     * {@link #codegenUrl}, or on the module's cached schema on the embedded PostgreSQL.
     */
    protected void generateFromMigrations(CodegenInputs inputs, boolean force, BuildLog log) {
        ConnectionSettings server = serverCredentials()
                .resolve(
                        "codegen",
                        userProperty(PropertyNames.CODEGEN_URL, codegenUrl),
                        codegenUser,
                        codegenPassword(),
                        codegenServerId,
                        false);
        ThrowawayDatabase throwaway = new ThrowawayDatabase(server, this::embeddedSettings, migrateDirectory());
        if (server != null) {
            CodegenWorkflow.generate(inputs, throwaway, force, log);
        } else {
            SchemaCache.Location cache = new SchemaCache.Location(
                    this::embeddedSettings,
                    buildMigrateDirectory(),
                    SchemaCache.databaseName(
                            project().getArtifactId(), project().getBasedir().toPath()));
            CodegenWorkflow.generateCached(inputs, cache, throwaway, force, log);
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
