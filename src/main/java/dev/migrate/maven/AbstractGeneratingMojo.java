package dev.migrate.maven;

import dev.migrate.codegen.CodegenInputs;
import dev.migrate.codegen.CodegenSettings;
import dev.migrate.codegen.CodegenWorkflow;
import dev.migrate.codegen.GeneratorXml;
import dev.migrate.codegen.incremental.SchemaCache;
import dev.migrate.connection.ConnectionSettings;
import dev.migrate.database.ThrowawayDatabase;
import dev.migrate.migration.MigrationSettings;
import java.io.File;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * The parameters of the goals that generate the jOOQ classes from the migrations, never from a server that holds more
 * than they create: {@code generate}, and {@code upgrade}. Where they generate: the module's schema cached on the
 * build's embedded PostgreSQL, or a throwaway database on {@link #codegenUrl}.
 */
abstract class AbstractGeneratingMojo extends AbstractEmbeddedMojo {

    /**
     * jOOQ's own {@code <generator>} element, exactly as jooq-codegen-maven takes it (database, includes/excludes,
     * forced types, strategy, target package and directory, pojos, daos...); the plugin supplies the connection.
     * What it leaves out defaults to: {@code PostgresDatabase}, the {@code <schemas>} (or {@code public}) as input
     * schemas, Flyway's history table excluded, {@link #outputDirectory}, and the package {@code <groupId>.db} when
     * there is no {@code <target>}. Checked against jOOQ's XML schema when the classes are generated: an element jOOQ
     * does not know fails the build.
     *
     * @since 0.1.0
     */
    @Parameter
    private PlexusConfiguration generator;

    /**
     * Where the jOOQ classes are generated, unless {@code <generator><target><directory>} says otherwise. Registered
     * as a compile source root.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = PropertyNames.GENERATE_OUTPUT_DIRECTORY,
            defaultValue = "${project.build.directory}/generated-sources/jooq")
    private File outputDirectory;

    /**
     * Skips generating the jOOQ classes: {@code migrate:generate} does nothing but register the source root, and
     * {@code migrate:upgrade} only migrates.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.GENERATE_SKIP, defaultValue = "false")
    private boolean skipGenerate;

    /**
     * Whether the Flyway and jOOQ work of the jOOQ classes runs in the codegen worker: a JVM the plugin starts once
     * and keeps for the next builds, so that Flyway and jOOQ are warm (jOOQ on 10 migrations with 50 tables: 0.45 s
     * instead of 2.2 s in a fresh JVM). It serves work on the embedded PostgreSQL, migrates and writes exactly what
     * the build's JVM would, and leaves after {@code workerIdleTimeout} idle minutes; when it fails to start or answer,
     * the build's JVM does the work. Unset: on, except when the environment variable {@code CI} is set, because a
     * build machine runs one build and should leave no process behind.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.WORKER)
    private Boolean worker;

    /**
     * How long, in minutes, an idle codegen worker waits for the next build's work before it leaves.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.WORKER_IDLE_TIMEOUT, defaultValue = "30")
    private int workerIdleTimeout;

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
     * The version whose schema the classes are generated for. Default: the latest.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TARGET)
    private String target;

    /**
     * Whether the generated jOOQ classes are shared between every checkout on the machine through a cache in the
     * local repository ({@code .cache/migrate-maven-plugin/generated/}): a fresh clone whose migrations and
     * configuration were generated before restores the classes and starts no database. See docs/generate.md.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.GENERATE_CACHE, defaultValue = "true")
    private boolean generatedCache;

    /**
     * The most the cache of {@link #generatedCache} may hold, in megabytes; past it, the least recently used
     * entries are removed.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.GENERATE_CACHE_SIZE, defaultValue = "500")
    private long generatedCacheSize;

    @Parameter(defaultValue = "${plugin.version}", readonly = true, required = true)
    private String pluginVersion;

    /** What the jOOQ classes depend on; reads no database and resolves no binaries. */
    protected CodegenInputs codegenInputs(GoalContext context) {
        MavenConfiguration maven = context.maven();
        MigrationSettings migrations = loadable(migrationSettings(context, target));
        List<Artifact> realm =
                mojoExecution().getMojoDescriptor().getPluginDescriptor().getArtifacts();
        CodegenSettings codegen = codegenSettings(maven, migrations);
        return new CodegenInputs(
                migrations,
                codegen,
                pluginVersion,
                PluginLibraryVersions.jooqVersion(realm),
                PluginLibraryVersions.pluginArtifacts(realm),
                PostgresBinariesResolver.release(postgresVersion(maven)),
                maven.migrateDirectory().resolve(codegen.fingerprintFileName()),
                maven.codegenJvm(worker, workerIdleTimeout, workersDirectory, context.log()),
                maven.generatedSourcesCache(generatedCache, generatedCacheSize),
                context.forDatabaseWork());
    }

    /**
     * The settings, after loading Flyway when reading them needs it; the plain ones, which the up-to-date check reads
     * without Flyway, leave the libraries unloaded.
     */
    private MigrationSettings loadable(MigrationSettings migrations) {
        if (!migrations.readableWithoutFlyway()) {
            libraries().load();
        }
        return migrations;
    }

    protected boolean skipGenerate() {
        return skipGenerate;
    }

    /**
     * Generates the jOOQ classes from the migrations unless they are up to date: on a throwaway database on
     * {@link #codegenUrl}, or on the module's cached schema on the embedded PostgreSQL.
     */
    protected void generateFromMigrations(GoalContext context, CodegenInputs inputs, boolean force) {
        MavenConfiguration maven = context.maven();
        ConnectionSettings server = maven.server(codegenServer());
        ThrowawayDatabase throwaway =
                new ThrowawayDatabase(server, () -> embeddedSettings(maven), maven.migrateDirectory());
        if (server != null) {
            CodegenWorkflow.generate(inputs, throwaway, force, context.log());
        } else {
            MavenConfiguration.ProjectLayout project = maven.project();
            SchemaCache.Location cache = new SchemaCache.Location(
                    () -> embeddedSettings(maven),
                    maven.buildMigrateDirectory(),
                    SchemaCache.databaseName(project.artifactId(), project.basedir()));
            CodegenWorkflow.generateCached(inputs, cache, throwaway, force, context.log());
        }
    }

    /** Makes the generated classes part of the compilation, and visible to IDEs. */
    protected void addCompileSourceRoot(CodegenInputs inputs) {
        project().addCompileSourceRoot(inputs.codegen().outputDirectory().toString());
    }

    /** The promise of docs/generate.md: the classes stay part of the compilation also when every goal is skipped. */
    protected void addCompileSourceRoot(MavenConfiguration maven) {
        MigrationSettings migrations =
                loadable(migrationSettings(maven, getClass().getClassLoader(), target));
        project()
                .addCompileSourceRoot(
                        codegenSettings(maven, migrations).outputDirectory().toString());
    }

    @Override
    List<String> secrets(MavenConfiguration maven) {
        List<String> secrets = super.secrets(maven);
        secrets.addAll(maven.secrets(codegenServer()));
        return secrets;
    }

    private MavenConfiguration.ServerParameters codegenServer() {
        return new MavenConfiguration.ServerParameters(
                ServerRole.CODEGEN, codegenUrl, codegenUser, codegenPassword, codegenServerId);
    }

    private CodegenSettings codegenSettings(MavenConfiguration maven, MigrationSettings migrations) {
        MavenConfiguration.ProjectLayout project = maven.project();
        return new CodegenSettings(
                generatorXml(),
                migrations.schemas(),
                migrations.historyTable(),
                project.basedir(),
                outputDirectory.toPath(),
                project.groupId());
    }

    /** The {@code <generator>} element as jOOQ's XML, null when there is none. */
    private GeneratorXml generatorXml() {
        return generator == null
                ? null
                : GeneratorParameter.generatorXml(
                        generator, new PluginParameterExpressionEvaluator(session(), mojoExecution()));
    }
}
