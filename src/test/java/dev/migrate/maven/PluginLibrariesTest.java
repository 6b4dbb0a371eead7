package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.EnvironmentFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libraries a goal adds to the plugin's realm, resolved through Maven's own resolver from a plugin POM in a new
 * local repository, with the developer's local repository as the remote one it downloads from.
 */
class PluginLibrariesTest {

    private static final RepositorySystem REPOSITORY_SYSTEM = new RepositorySystemSupplier().get();

    @TempDir
    Path localRepository;

    @Test
    void theProvidedDependenciesOfThePluginsPomAreResolvedWithTheirOwnButNotMavensApi() throws IOException {
        PluginDescriptor plugin = pluginWithPom();

        Set<String> resolved = resolvedArtifactIds(libraries(plugin, userRepository()));

        assertEquals(
                new TreeSet<>(List.of(
                        "flyway-core", "jooq-meta", "jooq", "r2dbc-spi", "reactive-streams", "jakarta.xml.bind-api")),
                resolved,
                "jooq-meta's activation API is excluded by the POM; Maven's own API is Maven's to provide");
    }

    @Test
    void aLibraryTheRealmHoldsAlreadyIsLeftOutWithEverywhereItIsADependency() throws IOException {
        PluginDescriptor plugin = pluginWithPom();
        plugin.setArtifacts(List.of(realmArtifact("org.jooq", "jooq", "3.19.39")));

        Set<String> resolved = resolvedArtifactIds(libraries(plugin, userRepository()));

        assertEquals(
                new TreeSet<>(List.of("flyway-core", "jooq-meta", "jakarta.xml.bind-api")),
                resolved,
                "jooq from <plugin><dependencies> stays the one used, and so do its own dependencies");
    }

    @Test
    void jacksonIsResolvedOnItsOwnWhenAskedForAndNeverWithTheOthers() throws IOException {
        PluginDescriptor plugin = pluginWithPom();

        assertEquals(
                new TreeSet<>(List.of("jackson-databind", "jackson-core", "jackson-annotations")),
                resolvedArtifactIds(libraries(plugin, userRepository()), true),
                "Jackson and what it needs, nothing else");
        assertTrue(
                resolvedArtifactIds(libraries(plugin, userRepository()), false).stream()
                        .noneMatch(artifactId -> artifactId.startsWith("jackson")),
                "Flyway copies its configuration through Jackson whenever it can load it");
    }

    @Test
    void jacksonInThePluginsDependenciesIsResolvedNeitherWay() throws IOException {
        PluginDescriptor plugin = pluginWithPom();
        plugin.setArtifacts(List.of(realmArtifact(
                "tools.jackson.core",
                "jackson-databind",
                versionOnClassPath("tools.jackson.core", "jackson-databind"))));

        assertEquals(Set.of(), resolvedArtifactIds(libraries(plugin, userRepository()), true));
    }

    /** A build that needs the libraries again adds the jars an earlier one resolved, without Maven's resolver. */
    @Test
    void theJarsMavenResolvedAreRememberedAndTheNextBuildResolvesNothing() throws IOException {
        PluginDescriptor plugin = pluginWithPom();
        List<Path> resolved = libraries(plugin, userRepository()).resolve(false).stream()
                .map(result -> result.getArtifact().getFile().toPath())
                .toList();

        List<Path> first = libraries(plugin, userRepository()).jars(false);
        Files.delete(pluginPom()); // resolving again would need it
        List<Path> next = libraries(plugin, emptyRemote()).jars(false);

        assertEquals(resolved, first);
        assertEquals(first, next);
    }

    @Test
    void aRememberedJarThatIsNoLongerThereIsResolvedAgain() throws IOException {
        PluginDescriptor plugin = pluginWithPom();
        List<Path> first = libraries(plugin, userRepository()).jars(false);
        Files.delete(first.get(0));

        List<Path> next = libraries(plugin, userRepository()).jars(false);

        assertEquals(first, next);
        assertTrue(Files.exists(first.get(0)), "Maven downloaded it again");
    }

    @Test
    void aRememberedJarChangedSinceIsResolvedAgain() throws IOException {
        PluginDescriptor plugin = pluginWithPom();
        List<Path> first = libraries(plugin, userRepository()).jars(false);
        Files.setLastModifiedTime(first.get(0), FileTime.fromMillis(0)); // downloaded or installed again
        Files.delete(pluginPom()); // resolving again finds no libraries declared, which tells it happened

        assertEquals(List.of(), libraries(plugin, emptyRemote()).jars(false));
    }

    @Test
    void anotherArtifactInThePluginsRealmIsResolvedForItself() throws IOException {
        PluginDescriptor plugin = pluginWithPom();
        libraries(plugin, userRepository()).jars(false);
        plugin.setArtifacts(List.of(
                realmArtifact("dev.migrate.test", "plugin-with-libraries", "1.0"),
                realmArtifact("org.jooq", "jooq", "3.19.39")));

        List<Path> withJooqInTheRealm = libraries(plugin, userRepository()).jars(false);

        assertTrue(
                withJooqInTheRealm.stream()
                        .noneMatch(jar -> jar.getFileName().toString().startsWith("jooq-3")),
                "jooq from <plugin><dependencies> stays the one used: " + withJooqInTheRealm);
    }

    @Test
    void librariesThatCannotBeResolvedAreAnEnvironmentFailureSayingWhatToCheck() throws IOException {
        PluginDescriptor plugin = pluginWithPom();
        RemoteRepository empty = emptyRemote();

        EnvironmentFailureException failure = assertThrows(
                EnvironmentFailureException.class,
                () -> libraries(plugin, empty).resolve(false));

        assertTrue(
                failure.getMessage()
                        .startsWith("Cannot resolve Flyway, jOOQ and the JDBC driver for "
                                + "dev.migrate.test:plugin-with-libraries:1.0 through Maven: "),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("Check the network or the repositories in settings.xml"));
    }

    private PluginLibraries libraries(PluginDescriptor plugin, RemoteRepository remote) {
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        // as Maven's session: POMs (Jackson's) activate profiles by the JDK's version
        session.setSystemProperties(System.getProperties());
        session.setLocalRepositoryManager(
                REPOSITORY_SYSTEM.newLocalRepositoryManager(session, new LocalRepository(localRepository.toFile())));
        return new PluginLibraries(
                plugin,
                REPOSITORY_SYSTEM,
                session,
                List.of(remote),
                new ResolvedJars(() -> localRepository.resolve(".cache/migrate-maven-plugin/libraries")));
    }

    private static Set<String> resolvedArtifactIds(PluginLibraries libraries) {
        return resolvedArtifactIds(libraries, false);
    }

    private static Set<String> resolvedArtifactIds(PluginLibraries libraries, boolean jackson) {
        return libraries.resolve(jackson).stream()
                .map(result -> result.getArtifact().getArtifactId())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private RemoteRepository emptyRemote() throws IOException {
        return new RemoteRepository.Builder(
                        "empty",
                        "default",
                        Files.createDirectories(localRepository.resolve("../empty-remote"))
                                .toUri()
                                .toString())
                .build();
    }

    private Path pluginPom() {
        return localRepository.resolve("dev/migrate/test/plugin-with-libraries/1.0/plugin-with-libraries-1.0.pom");
    }

    /** A plugin whose installed POM declares libraries the way the plugin's own does. */
    private PluginDescriptor pluginWithPom() throws IOException {
        Path pom = pluginPom();
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, """
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.migrate.test</groupId>
                  <artifactId>plugin-with-libraries</artifactId>
                  <version>1.0</version>
                  <packaging>maven-plugin</packaging>
                  <dependencies>
                    <dependency>
                      <groupId>org.apache.maven</groupId>
                      <artifactId>maven-core</artifactId>
                      <version>%s</version>
                      <scope>provided</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.flywaydb</groupId>
                      <artifactId>flyway-core</artifactId>
                      <version>%s</version>
                      <scope>provided</scope>
                    </dependency>
                    <dependency>
                      <groupId>tools.jackson.core</groupId>
                      <artifactId>jackson-databind</artifactId>
                      <version>%s</version>
                      <scope>provided</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.jooq</groupId>
                      <artifactId>jooq-meta</artifactId>
                      <version>%s</version>
                      <scope>provided</scope>
                      <exclusions>
                        <exclusion>
                          <groupId>jakarta.activation</groupId>
                          <artifactId>jakarta.activation-api</artifactId>
                        </exclusion>
                      </exclusions>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(
                        versionOnClassPath("org.apache.maven", "maven-core"),
                        versionOnClassPath("org.flywaydb", "flyway-core"),
                        versionOnClassPath("tools.jackson.core", "jackson-databind"),
                        versionOnClassPath("org.jooq", "jooq-meta")));
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setGroupId("dev.migrate.test");
        plugin.setArtifactId("plugin-with-libraries");
        plugin.setVersion("1.0");
        plugin.setArtifacts(List.of(realmArtifact("dev.migrate.test", "plugin-with-libraries", "1.0")));
        return plugin;
    }

    private static Artifact realmArtifact(String groupId, String artifactId, String version) {
        return new DefaultArtifact(
                groupId, artifactId, version, "runtime", "jar", null, new DefaultArtifactHandler("jar"));
    }

    /** The version of a library on this test's class path, which the developer's local repository therefore holds. */
    private static String versionOnClassPath(String groupId, String artifactId) throws IOException {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = PluginLibrariesTest.class.getClassLoader().getResourceAsStream(resource)) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }

    private static RemoteRepository userRepository() {
        return new RemoteRepository.Builder(
                        "user-repository",
                        "default",
                        Path.of(System.getProperty("localRepository")).toUri().toString())
                .build();
    }
}
