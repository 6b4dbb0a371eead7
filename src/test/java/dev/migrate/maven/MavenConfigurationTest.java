package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.codegen.CodegenJvm;
import dev.migrate.codegen.incremental.GeneratedSourcesCache;
import dev.migrate.codegen.worker.CodegenWorkerClient;
import dev.migrate.connection.ConnectionSettings;
import dev.migrate.embedded.PostgresBinaries;
import dev.migrate.error.UserMistakeException;
import dev.migrate.lint.LintRun;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter from Maven's inputs to the core's records, without Maven's harness: plain inputs in, records out. */
class MavenConfigurationTest {

    @TempDir
    Path project;

    private final Properties userProperties = new Properties();
    private final Properties systemProperties = new Properties();
    private final Map<String, String> environment = new HashMap<>();
    private final Settings settings = new Settings();
    private int decryptions;

    @Test
    void locationsArePathsOfTheProjectAndMapEntriesTakeTheirPropertiesOverTheConfiguredOnes() {
        userProperties.setProperty("migrate.placeholders.tenant", "globex");
        systemProperties.setProperty("migrate.placeholders.region", "emea");
        userProperties.setProperty("migrate.flyway.outOfOrder", "false");

        MigrationSettings migrations = configuration()
                .migrations(
                        new MavenConfiguration.MigrationParameters(
                                List.of(" filesystem:db/main", "classpath:db/extra", "db/bare"),
                                List.of("shop"),
                                Map.of("tenant", "acme"),
                                Map.of("outOfOrder", "true", "table", "schema_history")),
                        "7",
                        getClass().getClassLoader());

        assertEquals(
                List.of("filesystem:" + project.resolve("db/main"), "classpath:db/extra", "classpath:db/bare"),
                migrations.locations());
        assertEquals(Map.of("tenant", "globex", "region", "emea"), migrations.placeholders());
        assertEquals(Map.of("outOfOrder", "false", "table", "schema_history"), migrations.flywayProperties());
        assertEquals(List.of("shop"), migrations.schemas());
        assertEquals("7", migrations.target());
    }

    @Test
    void theTargetTakesUrlAndCredentialsFromTheEnvironmentAndTheirSecretsAreKnown() {
        environment.putAll(Map.of(
                "MIGRATE_URL", "jdbc:postgresql://env/db", "MIGRATE_USER", "env_user", "MIGRATE_PASSWORD", "env-pw"));
        MavenConfiguration.ServerParameters target = server(ServerRole.TARGET, null, null, null, null);

        assertEquals(
                new ConnectionSettings("jdbc:postgresql://env/db", "env_user", "env-pw"),
                configuration().server(target));
        assertTrue(configuration().secrets(target).contains("env-pw"));
    }

    @Test
    void theCodegenServerReadsNoEnvironmentVariableAndItsOwnProperties() {
        environment.putAll(Map.of("MIGRATE_URL", "jdbc:postgresql://env/db", "MIGRATE_PASSWORD", "env-pw"));
        MavenConfiguration.ServerParameters codegen = server(ServerRole.CODEGEN, null, null, null, null);
        assertNull(configuration().server(codegen));

        userProperties.setProperty("migrate.codegenUrl", "jdbc:postgresql://codegen/postgres");
        userProperties.setProperty("migrate.codegenPassword", "cli-pw");
        assertEquals(
                new ConnectionSettings("jdbc:postgresql://codegen/postgres", "pom_user", "cli-pw"),
                configuration().server(server(ServerRole.CODEGEN, null, "pom_user", "pom-pw", null)));
        assertEquals(false, configuration().secrets(codegen).contains("env-pw"));
    }

    @Test
    void aSettingsServerIsDecryptedOnceAndCredentialsGivenTwiceOrAnUnknownServerAreRefusedByTheirRolesNames() {
        Server server = new Server();
        server.setId("shop-db");
        server.setUsername("settings_user");
        server.setPassword("settings-password");
        settings.addServer(server);
        MavenConfiguration configuration = configuration();
        MavenConfiguration.ServerParameters target =
                server(ServerRole.TARGET, "jdbc:postgresql://db/shop", null, null, "shop-db");

        assertEquals(
                new ConnectionSettings("jdbc:postgresql://db/shop", "settings_user", "settings-password"),
                configuration.server(target));
        assertTrue(configuration.secrets(target).contains("settings-password"));
        assertEquals(1, decryptions);

        UserMistakeException twice = assertThrows(
                UserMistakeException.class,
                () -> configuration.server(
                        server(ServerRole.CODEGEN, "jdbc:postgresql://db/x", "pom_user", null, "shop-db")));
        assertTrue(twice.getMessage().contains("<codegenUser>/<codegenPassword>"), twice.getMessage());
        UserMistakeException unknown = assertThrows(
                UserMistakeException.class,
                () -> configuration.server(server(ServerRole.TARGET, "jdbc:postgresql://db/x", null, null, "nope")));
        assertTrue(unknown.getMessage().startsWith("<serverId> names the server 'nope'"), unknown.getMessage());
    }

    @Test
    void aPasswordInTheUrlIsRefusedNamingTheRolesParameters() {
        UserMistakeException refused = assertThrows(
                UserMistakeException.class,
                () -> configuration()
                        .server(server(ServerRole.CODEGEN, "jdbc:postgresql://db/x?password=oops", null, null, null)));
        assertTrue(refused.getMessage().startsWith("<codegenUrl> holds a password"), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("-Dmigrate.codegenPassword."), refused.getMessage());
    }

    @Test
    void theLintTakesSinceAllAndRuleLevelsFromPropertiesOverThePom() {
        Lint lint = new Lint();
        lint.setSince("4");
        lint.setRules(Map.of("drop-object", "warning", "prefer-text", "off"));
        MigrationSettings migrations = TestMigrations.in(project);

        LintRun.Request fromPom = configuration().lint(lint, migrations, TestPostgres::openNewDatabase);
        userProperties.setProperty("migrate.lint.since", "7");
        userProperties.setProperty("migrate.lint.rules.drop-object", "off");
        LintRun.Request fromProperties = configuration().lint(lint, migrations, TestPostgres::openNewDatabase);
        userProperties.setProperty("migrate.lint.since", "");
        userProperties.setProperty("migrate.lint.all", "true");
        LintRun.Request all = configuration().lint(null, migrations, TestPostgres::openNewDatabase);

        assertEquals("4", fromPom.since());
        assertEquals(Map.of("drop-object", "warning", "prefer-text", "off"), fromPom.levels());
        assertEquals(false, fromPom.all());
        assertEquals("7", fromProperties.since());
        assertEquals(Map.of("drop-object", "off", "prefer-text", "off"), fromProperties.levels());
        assertNull(all.since());
        assertEquals(true, all.all());
        assertEquals(Map.of("drop-object", "off"), all.levels());
    }

    @Test
    void theEmbeddedServerTakesItsVersionAndPortFromPropertiesOverThePom() {
        Postgres postgres = new Postgres();
        postgres.setVersion("16");
        postgres.setPort(15432);
        userProperties.setProperty("migrate.postgres.port", "25432");

        assertEquals(25432, configuration().embedded(postgres, 42).port());
        assertEquals("16", configuration().embedded(postgres, 42).binaries().version());
        assertEquals(
                Duration.ofSeconds(42), configuration().embedded(postgres, 42).lockTimeout());

        userProperties.setProperty("migrate.postgres.port", "70000");
        UserMistakeException port =
                assertThrows(UserMistakeException.class, () -> configuration().embedded(postgres, 42));
        assertTrue(port.getMessage().startsWith("<postgres><port> (-Dmigrate.postgres.port) is '70000'"));
    }

    @Test
    void theGeneratedSourcesCacheIsInTheLocalRepositoryUnlessTurnedOff() {
        assertEquals(
                Optional.of(new GeneratedSourcesCache(
                        project.resolve("repository/.cache/migrate-maven-plugin/generated"), 3L * 1024 * 1024)),
                configuration().generatedSourcesCache(true, 3));
        assertEquals(Optional.empty(), configuration().generatedSourcesCache(false, 3));
    }

    @Test
    void aNegativeGeneratedCacheSizeIsRefusedNamingIt() {
        UserMistakeException negative =
                assertThrows(UserMistakeException.class, () -> configuration().generatedSourcesCache(true, -1));
        assertTrue(
                negative.getMessage().startsWith("<generatedCacheSize> (migrate.generate.cacheSize) is -1: give"),
                negative.getMessage());
    }

    @Test
    void theCodegenWorkerIsOnForADeveloperAndOffOnCiUnlessConfigured() {
        CodegenJvm developer = configuration().codegenJvm(null, 7, () -> project, new CapturingLog());
        assertEquals(Duration.ofMinutes(7), ((CodegenWorkerClient) developer).idleTimeout());

        environment.put("CI", "true");
        assertEquals(CodegenJvm.IN_PROCESS, configuration().codegenJvm(null, 7, () -> project, new CapturingLog()));
        assertTrue(
                configuration().codegenJvm(true, 7, () -> project, new CapturingLog()) instanceof CodegenWorkerClient);
    }

    @Test
    void limitsOfTheTargetAreSecondsAboveZero() {
        MavenConfiguration.TargetParameters zero = new MavenConfiguration.TargetParameters(
                server(ServerRole.TARGET, null, null, null, null), project.resolve("devdb"), 0, 60);
        UserMistakeException refused =
                assertThrows(UserMistakeException.class, () -> configuration().targetDatabase(zero, () -> null));
        assertEquals("-Dmigrate.migrationLockTimeout is 0; give a number of seconds above 0.", refused.getMessage());
    }

    private static MavenConfiguration.ServerParameters server(
            ServerRole role, String url, String user, String password, String serverId) {
        return new MavenConfiguration.ServerParameters(role, url, user, password, serverId);
    }

    private MavenConfiguration configuration() {
        // settings.xml passwords in clear: Maven's decryption itself is Maven's to test; here, how often it is asked
        SettingsDecrypter decrypter = request -> {
            decryptions++;
            return new SettingsDecryptionResult() {
                @Override
                public Server getServer() {
                    return request.getServers().get(0);
                }

                @Override
                public List<Server> getServers() {
                    return request.getServers();
                }

                @Override
                public Proxy getProxy() {
                    return null;
                }

                @Override
                public List<Proxy> getProxies() {
                    return List.of();
                }

                @Override
                public List<SettingsProblem> getProblems() {
                    return List.of();
                }
            };
        };
        return new MavenConfiguration(
                userProperties,
                systemProperties,
                new MavenConfiguration.ProjectLayout(
                        project,
                        project.resolve("target"),
                        project.resolve("target"),
                        "com.example",
                        "shop",
                        () -> project.resolve("repository")),
                settings,
                decrypter,
                environment::get,
                version -> new PostgresBinaries(project.resolve("postgres.txz"), version));
    }
}
