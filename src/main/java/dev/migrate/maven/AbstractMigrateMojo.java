package dev.migrate.maven;

import dev.migrate.codegen.CodegenInputs;
import dev.migrate.codegen.CodegenJvm;
import dev.migrate.codegen.CodegenSettings;
import dev.migrate.codegen.worker.CodegenWorkerClient;
import dev.migrate.connection.ConnectionSettings;
import dev.migrate.connection.ServerLimits;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import dev.migrate.log.RedactingLog;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.TargetDatabase;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;
import org.jooq.meta.jaxb.Generator;

/**
 * The parameters every goal shares, and the one {@code execute()} template: warn about {@code -D} properties no goal
 * reads, skip, log, run the goal, translate its failures. A goal implements {@link #run(GoalContext)} only.
 */
public abstract class AbstractMigrateMojo extends AbstractMojo {

    /** The warnings already given in a build (keyed by its request), so that each module does not repeat them. */
    private static final Map<Object, Set<String>> WARNED_PER_BUILD = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Skips every goal of this plugin, with one INFO line.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    private boolean skip;

    /**
     * The JDBC URL of the target database, e.g. {@code jdbc:postgresql://db:5432/shop}. Without one, {@code upgrade}
     * and {@code info} use the embedded development database. Also read from the {@code MIGRATE_URL} environment
     * variable. Property: {@code migrate.url}, read by the plugin rather than injected by Maven (as {@link #password}
     * is), so that {@code -X} never prints it. A URL that holds a password ({@code ?password=...}) is refused: give
     * the password through {@link #serverId}, {@code -Dmigrate.password} or {@code MIGRATE_PASSWORD}.
     *
     * @since 0.1.0
     */
    @Parameter
    private String url;

    /**
     * The user to connect to {@link #url} as. Also read from {@code MIGRATE_USER}. Give either this or
     * {@link #serverId}, not both.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.USER)
    private String user;

    /**
     * The password for {@link #user}. Property: {@code migrate.password}. Also read from {@code MIGRATE_PASSWORD};
     * prefer {@link #serverId} with an encrypted password in settings.xml. Never logged by the plugin. The property
     * is read by the plugin rather than injected by Maven, because Maven prints every injected value with
     * {@code -X}; Maven also prints the POM's configuration with {@code -X}, so keep passwords out of the POM.
     *
     * @since 0.1.0
     */
    @Parameter
    private String password;

    /**
     * The {@code <id>} of a settings.xml {@code <server>} that holds the user name and (optionally encrypted)
     * password for {@link #url}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SERVER_ID)
    private String serverId;

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

    /**
     * The version to migrate up to. Default: the latest.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TARGET)
    private String target;

    /**
     * The embedded PostgreSQL: {@code <postgres><version>17</version></postgres>} picks the major version (14 to 18,
     * default 17; {@code -Dmigrate.postgres.version}). Its binaries are resolved through Maven for this platform.
     *
     * @since 0.1.0
     */
    @Parameter
    private Postgres postgres;

    /**
     * Where the embedded development database keeps its data between builds.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.DEV_DATABASE, defaultValue = "${project.build.directory}/migrate/devdb")
    private File devDatabase;

    /**
     * How long, in seconds, a goal waits for another build that holds the embedded development database.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.LOCK_TIMEOUT, defaultValue = "300")
    private int lockTimeout;

    /**
     * How long, in seconds, {@code upgrade} waits for Flyway's lock on the server of {@link #url} while another
     * session holds it (another upgrade, or a session it left behind). The wait names the session holding the lock;
     * when it ends unanswered, the goal fails naming it. Sets Flyway's {@code lockRetryCount} unless
     * {@code <flyway><lockRetryCount>} is given.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.MIGRATION_LOCK_TIMEOUT, defaultValue = "300")
    private int migrationLockTimeout;

    /**
     * How long, in seconds, the server of {@link #url} may leave the plugin's liveness checks unanswered before the
     * goal gives up on it. A migration may run as long as it needs: while it runs, the plugin checks every few seconds
     * on a new connection ({@code SELECT 1}) that the server still answers, and fails the goal only when it has
     * answered none of these checks for this long (a frozen or unreachable server, a dead network).
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.SERVER_TIMEOUT, defaultValue = "60")
    private int serverTimeout;

    /**
     * jOOQ's own {@code <generator>} element, exactly as jooq-codegen-maven takes it (database, includes/excludes,
     * forced types, strategy, target package and directory, pojos, daos...); the plugin supplies the connection.
     * What it leaves out defaults to: {@code PostgresDatabase}, the {@link #schemas} (or {@code public}) as input
     * schemas, Flyway's history table excluded, {@link #outputDirectory}, and the package {@code <groupId>.db} when
     * there is no {@code <target>}.
     *
     * @since 0.1.0
     */
    @Parameter
    private Generator generator;

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

    @Parameter(defaultValue = "${plugin.version}", readonly = true, required = true)
    private String pluginVersion;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    private Settings settings;

    @Inject
    private RepositorySystem repositorySystem;

    @Inject
    private SettingsDecrypter settingsDecrypter;

    private EmbeddedSettings embeddedSettings;

    /** Read through a field so that tests can stand in for the process environment. */
    UnaryOperator<String> environment = System::getenv;

    /**
     * Where the codegen workers of this local repository keep their sockets and logs; asked for only when there is
     * work for a worker. A field so that tests can use a directory of their own.
     */
    Supplier<Path> workersDirectory =
            () -> PostgresBinariesResolver.cacheDirectory(localRepository()).resolveSibling("workers");

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        warnAboutUnreadProperties();
        if (skip) {
            getLog().info("Skipping migrate:" + goal() + " (" + PropertyNames.SKIP + " is true)");
            skipped();
            return;
        }
        RedactingLog log = new RedactingLog(new MavenBuildLog(getLog()), knownSecrets());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        try (URLClassLoader projectClassLoader = projectClassLoader()) {
            run(new GoalContext(log, projectClassLoader));
        } catch (UserMistakeException e) {
            throw new MojoFailureException(log.redact(HelpfulSuggestions.render(e)), e);
        } catch (EnvironmentFailureException e) {
            throw new MojoExecutionException(log.redact(HelpfulSuggestions.render(e)), e);
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException(
                    "migrate:" + goal() + " failed unexpectedly: " + log.redact(e.toString()), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** One warning per {@code -Dmigrate.*} typo or misplaced property, once per build however many modules run. */
    private void warnAboutUnreadProperties() {
        MojoDescriptor running = mojoExecution.getMojoDescriptor();
        List<UnknownProperties.PluginGoal> goals = running.getPluginDescriptor().getMojos().stream()
                .map(mojo -> new UnknownProperties.PluginGoal(mojo.getGoal(), propertiesReadBy(mojo)))
                .toList();
        Set<String> given = new HashSet<>(session.getUserProperties().stringPropertyNames());
        given.addAll(session.getSystemProperties().stringPropertyNames());
        boolean typed = mojoExecution.getSource() == MojoExecution.Source.CLI;
        Set<String> warned =
                WARNED_PER_BUILD.computeIfAbsent(session.getRequest(), build -> ConcurrentHashMap.newKeySet());
        for (String warning : UnknownProperties.warnings(goal(), given, propertiesReadBy(running), goals, typed)) {
            if (warned.add(warning)) {
                getLog().warn(warning);
            }
        }
    }

    /** The {@code -D} properties a goal reads: those of its parameters, as the plugin descriptor gives them. */
    private static Set<String> propertiesReadBy(MojoDescriptor mojo) {
        Set<String> properties = new HashSet<>(PropertyNames.READ_BY_THE_PLUGIN);
        for (org.apache.maven.plugin.descriptor.Parameter parameter : mojo.getParameters()) {
            String expression = parameter.getExpression();
            if (expression != null && expression.startsWith("${") && expression.endsWith("}")) {
                properties.add(expression.substring(2, expression.length() - 1));
            }
        }
        return properties;
    }

    /** What a goal does even when {@code migrate.skip} is true; nothing unless it overrides this. */
    protected void skipped() {}

    /** The goal's name, as users type it after {@code migrate:}. */
    protected abstract String goal();

    /** Does the goal's work; throws the core's exceptions, which {@link #execute()} translates. */
    protected abstract void run(GoalContext context);

    /** What a goal's {@link #run} gets: the log and the class loader that sees the project. */
    protected record GoalContext(BuildLog log, ClassLoader projectClassLoader) {}

    /** The database that {@code upgrade} and {@code info} act on. */
    protected TargetDatabase targetDatabase() {
        ConnectionSettings server =
                serverCredentials().resolve("", userProperty(PropertyNames.URL, url), user, password(), serverId, true);
        return new TargetDatabase(
                server,
                new ServerLimits(
                        positiveSeconds(migrationLockTimeout, PropertyNames.MIGRATION_LOCK_TIMEOUT),
                        positiveSeconds(serverTimeout, PropertyNames.SERVER_TIMEOUT)),
                this::embeddedSettings,
                devDatabase.toPath());
    }

    private static Duration positiveSeconds(int seconds, String property) {
        if (seconds <= 0) {
            throw new UserMistakeException("-D" + property + " is " + seconds + "; give a number of seconds above 0.");
        }
        return Duration.ofSeconds(seconds);
    }

    protected MigrationSettings migrationSettings(ClassLoader projectClassLoader) {
        return new MigrationSettings(
                resolvedLocations(),
                schemas == null ? List.of() : schemas,
                withUserProperties(placeholders, PropertyNames.PLACEHOLDERS_PREFIX),
                withUserProperties(flyway, PropertyNames.FLYWAY_PREFIX),
                target,
                projectClassLoader);
    }

    /** Resolved on first use only, and once: a goal that needs no embedded server resolves no binaries. */
    protected synchronized EmbeddedSettings embeddedSettings() {
        if (embeddedSettings == null) {
            embeddedSettings = resolveEmbeddedSettings();
        }
        return embeddedSettings;
    }

    private EmbeddedSettings resolveEmbeddedSettings() {
        PostgresBinariesResolver resolver = new PostgresBinariesResolver(
                repositorySystem, session.getRepositorySession(), project.getRemotePluginRepositories());
        Postgres configured = postgres == null ? new Postgres() : postgres;
        String port = userProperty(PropertyNames.POSTGRES_PORT, String.valueOf(configured.getPort()));
        return new EmbeddedSettings(
                resolver.resolve(configuredPostgresVersion()),
                PostgresBinariesResolver.cacheDirectory(localRepository()),
                Duration.ofSeconds(lockTimeout),
                parsePort(port));
    }

    private String configuredPostgresVersion() {
        return userProperty(PropertyNames.POSTGRES_VERSION, postgres == null ? null : postgres.getVersion());
    }

    /** What the jOOQ classes depend on; reads no database and resolves no binaries. */
    protected CodegenInputs codegenInputs(GoalContext context) {
        MigrationSettings migrations = migrationSettings(context.projectClassLoader());
        return new CodegenInputs(
                migrations,
                codegenSettings(migrations),
                pluginVersion,
                PostgresBinariesResolver.release(configuredPostgresVersion()),
                migrateDirectory().resolve("codegen.fingerprint"),
                codegenJvm(context.log()));
    }

    /** Where the jOOQ classes are, or would be, generated: the compile source root. */
    protected Path codegenOutputDirectory() {
        return codegenSettings(migrationSettings(getClass().getClassLoader())).outputDirectory();
    }

    private CodegenSettings codegenSettings(MigrationSettings migrations) {
        return new CodegenSettings(
                generator,
                migrations.schemas(),
                CodegenSettings.historyTable(migrations.flywayProperties()),
                project.getBasedir().toPath(),
                outputDirectory.toPath(),
                project.getGroupId());
    }

    private Path localRepository() {
        return session.getRepositorySession().getLocalRepository().getBasedir().toPath();
    }

    private CodegenJvm codegenJvm(BuildLog log) {
        boolean useWorker = worker != null ? worker : environment.apply("CI") == null;
        if (!useWorker) {
            return CodegenJvm.IN_PROCESS;
        }
        return new CodegenWorkerClient(workersDirectory, Duration.ofMinutes(workerIdleTimeout), log);
    }

    protected boolean skipGenerate() {
        return skipGenerate;
    }

    /** Where the plugin keeps its own files in the build directory. */
    protected Path migrateDirectory() {
        return Path.of(project.getBuild().getDirectory(), "migrate");
    }

    /** The plugin's directory in the build directory of the top-level project: files shared by the whole build. */
    protected Path buildMigrateDirectory() {
        MavenProject topLevel = session.getTopLevelProject() == null ? project : session.getTopLevelProject();
        return Path.of(topLevel.getBuild().getDirectory(), "migrate");
    }

    /** Makes the generated classes part of the compilation, and visible to IDEs. */
    protected void addCompileSourceRoot(Path directory) {
        project.addCompileSourceRoot(directory.toString());
    }

    protected MavenProject project() {
        return project;
    }

    protected ServerCredentials serverCredentials() {
        return new ServerCredentials(settings, settingsDecrypter, environment);
    }

    /** Every secret the goal may know, so that no log line or message shows one. */
    protected List<String> knownSecrets() {
        List<String> secrets = new ArrayList<>();
        secrets.add(password());
        secrets.add(environment.apply("MIGRATE_PASSWORD"));
        secrets.addAll(serverSecrets(serverId));
        return secrets;
    }

    /** The password of a settings.xml server, as written and decrypted. */
    protected List<String> serverSecrets(String id) {
        List<String> secrets = new ArrayList<>();
        if (id != null && settings != null && settings.getServer(id) != null) {
            secrets.add(settings.getServer(id).getPassword());
            try {
                secrets.add(serverCredentials()
                        .resolve("", "jdbc:postgresql:", null, null, id, false)
                        .password());
            } catch (UserMistakeException e) {
                // reported when the goal resolves its credentials; here only the secrets are wanted
            }
        }
        return secrets;
    }

    private List<String> resolvedLocations() {
        List<String> resolved = new ArrayList<>();
        for (String location : locations) {
            String trimmed = location.strip();
            if (trimmed.startsWith("filesystem:")) {
                Path path = Path.of(trimmed.substring("filesystem:".length()));
                resolved.add("filesystem:"
                        + project.getBasedir().toPath().resolve(path).normalize());
            } else {
                resolved.add(trimmed);
            }
        }
        return resolved;
    }

    private String password() {
        return userProperty(PropertyNames.PASSWORD_PROPERTY, password);
    }

    private Map<String, String> withUserProperties(Map<String, String> configured, String prefix) {
        Map<String, String> merged = new LinkedHashMap<>(configured == null ? Map.of() : configured);
        for (Properties properties : List.of(session.getSystemProperties(), session.getUserProperties())) {
            for (String name : properties.stringPropertyNames()) {
                if (name.startsWith(prefix)) {
                    merged.put(name.substring(prefix.length()), properties.getProperty(name));
                }
            }
        }
        merged.replaceAll((name, value) -> value == null ? "" : value);
        return merged;
    }

    /** A {@code -D} property of the build, or the configured value when the property is not set. */
    protected String userProperty(String name, String configured) {
        String value = session.getUserProperties().getProperty(name);
        if (value == null) {
            value = session.getSystemProperties().getProperty(name);
        }
        return value != null ? value : configured;
    }

    private static int parsePort(String port) {
        try {
            int value = Integer.parseInt(port.strip());
            if (value >= 0 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserMistakeException("<postgres><port> (-D" + PropertyNames.POSTGRES_PORT + ") is '" + port
                + "'; use a port number from 1 to 65535, or 0 for any free port.");
    }

    /** The project's resources, classes and compile dependencies, for {@code classpath:} locations. */
    private URLClassLoader projectClassLoader() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (Resource resource : project.getResources()) {
            urls.add(new File(resource.getDirectory()).toURI().toURL());
        }
        urls.add(new File(project.getBuild().getOutputDirectory()).toURI().toURL());
        for (org.apache.maven.artifact.Artifact artifact : project.getArtifacts()) {
            if (artifact.getFile() != null && !"test".equals(artifact.getScope())) {
                urls.add(artifact.getFile().toURI().toURL());
            }
        }
        return new URLClassLoader(
                "migrate-project", urls.toArray(URL[]::new), getClass().getClassLoader());
    }
}
