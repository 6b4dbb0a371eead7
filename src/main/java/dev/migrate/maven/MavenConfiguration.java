package dev.migrate.maven;

import dev.migrate.codegen.CodegenJvm;
import dev.migrate.codegen.incremental.GeneratedSourcesCache;
import dev.migrate.codegen.worker.CodegenWorkerClient;
import dev.migrate.connection.ConnectionSettings;
import dev.migrate.connection.ServerLimits;
import dev.migrate.database.OpenDatabase;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.embedded.PostgresBinaries;
import dev.migrate.error.UserMistakeException;
import dev.migrate.lint.LintRun;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.MigrationLocation;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.TargetDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Turns what Maven hands a goal (the build's properties, the project's layout, settings.xml, the environment) and the
 * goal's parameters into the core's records: the one place where a parameter, its {@code -D} property and its
 * environment variable become a value. Plain inputs, so that it is tested without Maven's harness.
 */
final class MavenConfiguration {

    private final Properties userProperties;
    private final Properties systemProperties;
    private final ProjectLayout project;
    private final ServerCredentials credentials;
    private final UnaryOperator<String> environment;
    private final Function<String, PostgresBinaries> binaries;

    /**
     * Where the project and the build keep their files.
     *
     * @param basedir                the project's directory
     * @param buildDirectory         the project's {@code target}
     * @param topLevelBuildDirectory the {@code target} of the build's top-level project: files shared by all modules
     * @param localRepository        the local repository, where caches shared by every build of this user are; asked
     *                               for only when a goal needs one
     */
    record ProjectLayout(
            Path basedir,
            Path buildDirectory,
            Path topLevelBuildDirectory,
            String groupId,
            String artifactId,
            Supplier<Path> localRepository) {}

    /** The parameters of the goals that read the migrations. */
    record MigrationParameters(
            List<String> locations,
            List<String> schemas,
            Map<String, String> placeholders,
            Map<String, String> flyway) {}

    /** The parameters of a server given by the user: the target's, or the codegen server's. */
    record ServerParameters(ServerRole role, String url, String user, String password, String serverId) {}

    /** The parameters of the goals that act on a target database. */
    record TargetParameters(ServerParameters server, Path devDatabase, int migrationLockTimeout, int serverTimeout) {}

    /**
     * @param binaries resolves the embedded PostgreSQL's binaries for a configured version ({@code null}: default)
     */
    MavenConfiguration(
            Properties userProperties,
            Properties systemProperties,
            ProjectLayout project,
            Settings settings,
            SettingsDecrypter decrypter,
            UnaryOperator<String> environment,
            Function<String, PostgresBinaries> binaries) {
        this.userProperties = userProperties;
        this.systemProperties = systemProperties;
        this.project = project;
        this.credentials = new ServerCredentials(settings, decrypter, environment);
        this.environment = environment;
        this.binaries = binaries;
    }

    ProjectLayout project() {
        return project;
    }

    /** A {@code -D} property of the build, or the configured value when the property is not set. */
    String property(String name, String configured) {
        String value = userProperties.getProperty(name, systemProperties.getProperty(name));
        return value != null ? value : configured;
    }

    MigrationSettings migrations(MigrationParameters parameters, String target, ClassLoader projectClassLoader) {
        return new MigrationSettings(
                resolved(parameters.locations()),
                parameters.schemas() == null ? List.of() : parameters.schemas(),
                withPrefixedProperties(parameters.placeholders(), PropertyNames.PLACEHOLDERS_PREFIX),
                withPrefixedProperties(parameters.flyway(), PropertyNames.FLYWAY_PREFIX),
                target,
                projectClassLoader);
    }

    /** The embedded PostgreSQL to run; resolves its binaries, so it is asked for only by a goal that starts one. */
    EmbeddedSettings embedded(Postgres postgres, int lockTimeoutSeconds) {
        Postgres configured = postgres == null ? new Postgres() : postgres;
        return new EmbeddedSettings(
                binaries.apply(postgresVersion(configured)),
                PostgresBinariesResolver.cacheDirectory(
                        project.localRepository().get()),
                Duration.ofSeconds(lockTimeoutSeconds),
                port(property(PropertyNames.POSTGRES_PORT, String.valueOf(configured.getPort()))));
    }

    /** The configured major or full version of the embedded PostgreSQL, {@code null} for the default. */
    String postgresVersion(Postgres postgres) {
        return property(PropertyNames.POSTGRES_VERSION, postgres == null ? null : postgres.getVersion());
    }

    /** What {@code <lint>} and its properties ask a lint of {@code migrations} to do, on {@code throwaway}. */
    LintRun.Request lint(Lint lint, MigrationSettings migrations, Supplier<OpenDatabase> throwaway) {
        Lint configured = lint == null ? new Lint() : lint;
        String since = property(PropertyNames.LINT_SINCE, configured.getSince());
        return new LintRun.Request(
                migrations,
                Boolean.parseBoolean(property(PropertyNames.LINT_ALL, String.valueOf(configured.isAll()))),
                since == null || since.isBlank() ? null : since,
                withPrefixedProperties(configured.getRules(), PropertyNames.LINT_RULES_PREFIX),
                throwaway);
    }

    /** The user's server of {@code parameters}, or {@code null} when no URL is given for it anywhere. */
    ConnectionSettings server(ServerParameters parameters) {
        ServerRole role = parameters.role();
        return credentials.resolve(
                role,
                property(role.urlProperty(), parameters.url()),
                parameters.user(),
                password(parameters),
                parameters.serverId());
    }

    TargetDatabase targetDatabase(TargetParameters parameters, Supplier<EmbeddedSettings> embedded) {
        return new TargetDatabase(
                server(parameters.server()),
                new ServerLimits(
                        positiveSeconds(parameters.migrationLockTimeout(), PropertyNames.MIGRATION_LOCK_TIMEOUT),
                        positiveSeconds(parameters.serverTimeout(), PropertyNames.SERVER_TIMEOUT)),
                embedded,
                parameters.devDatabase());
    }

    /** Every secret a goal may come to know for this server, so that no log line or message shows one. */
    List<String> secrets(ServerParameters parameters) {
        List<String> secrets = new ArrayList<>();
        secrets.add(password(parameters));
        if (parameters.role().readsEnvironment()) {
            secrets.add(environment.apply(ServerCredentials.PASSWORD_VARIABLE));
        }
        secrets.addAll(credentials.secretsOf(parameters.serverId()));
        return secrets;
    }

    /** The codegen worker unless it is switched off, or unset and the build runs on CI. */
    CodegenJvm codegenJvm(Boolean worker, int idleMinutes, Supplier<Path> workersDirectory, BuildLog log) {
        boolean useWorker = worker != null ? worker : environment.apply("CI") == null;
        return useWorker
                ? new CodegenWorkerClient(
                        workersDirectory,
                        Duration.ofMinutes(idleMinutes),
                        "-D" + PropertyNames.WORKER + "=false runs jOOQ in the build's JVM",
                        log)
                : CodegenJvm.IN_PROCESS;
    }

    /**
     * The generated sources shared by every checkout on the machine, beside the binaries' cache in the local
     * repository; empty when turned off.
     */
    Optional<GeneratedSourcesCache> generatedSourcesCache(boolean enabled, long megabytes) {
        if (megabytes < 0) {
            throw new UserMistakeException("<generatedCacheSize> (" + PropertyNames.GENERATE_CACHE_SIZE + ") is "
                    + megabytes + ": give the most the cache of generated sources may hold, in megabytes (0 keeps"
                    + " nothing), or set <generatedCache> to false to turn the cache off.");
        }
        return enabled
                ? Optional.of(new GeneratedSourcesCache(
                        PostgresBinariesResolver.cacheDirectory(
                                        project.localRepository().get())
                                .resolveSibling("generated"),
                        megabytes * 1024 * 1024))
                : Optional.empty();
    }

    /** Where the plugin keeps its own files in the build directory. */
    Path migrateDirectory() {
        return project.buildDirectory().resolve("migrate");
    }

    /** The plugin's directory in the build directory of the top-level project: files shared by the whole build. */
    Path buildMigrateDirectory() {
        return project.topLevelBuildDirectory().resolve("migrate");
    }

    private String password(ServerParameters parameters) {
        return property(parameters.role().passwordProperty(), parameters.password());
    }

    /** {@code filesystem:} locations made absolute against the project's directory. */
    private List<String> resolved(List<String> locations) {
        return locations.stream()
                .map(location -> MigrationLocation.parse(location)
                        .resolvedAgainst(project.basedir())
                        .descriptor())
                .toList();
    }

    private Map<String, String> withPrefixedProperties(Map<String, String> configured, String prefix) {
        Map<String, String> merged = new LinkedHashMap<>(configured == null ? Map.of() : configured);
        for (Properties properties : List.of(systemProperties, userProperties)) {
            for (String name : properties.stringPropertyNames()) {
                if (name.startsWith(prefix)) {
                    merged.put(name.substring(prefix.length()), properties.getProperty(name));
                }
            }
        }
        merged.replaceAll((name, value) -> value == null ? "" : value);
        return merged;
    }

    private static Duration positiveSeconds(int seconds, String property) {
        if (seconds <= 0) {
            throw new UserMistakeException("-D" + property + " is " + seconds + "; give a number of seconds above 0.");
        }
        return Duration.ofSeconds(seconds);
    }

    private static int port(String port) {
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
}
