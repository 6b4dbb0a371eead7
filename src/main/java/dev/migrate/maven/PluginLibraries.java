package dev.migrate.maven;

import dev.migrate.digest.Sha256;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.files.FileIdentity;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Flyway, jOOQ, Jackson and the JDBC driver: the plugin's {@code provided} dependencies, which Maven therefore leaves
 * out of the plugin's class realm. A goal resolves them through Maven and adds them to the realm before its first
 * database work, so that a build whose jOOQ classes are up to date never resolves, opens or loads them. A library
 * the user put in {@code <plugin><dependencies>} is in the realm already and stays the one used, with its own
 * dependencies, as when these were ordinary dependencies of the plugin. The jars Maven resolved are remembered
 * ({@link ResolvedJars}), so that the next build's resolution costs no POM reading.
 *
 * <p>Jackson is added only when asked for: Flyway copies its configuration extensions through Jackson whenever it can
 * load it, which makes each build's first Flyway start in a fresh JVM ~0.4 s slower ({@code Flyway.load()} 560 ms
 * with Jackson 3 on the class path, 200 ms without), and only a goal that writes JSON or a {@code <flyway>} setting
 * of one of Flyway's extensions needs it ({@link JacksonNeed}). Flyway decides once per realm whether Jackson is there,
 * so the need is decided for the whole build before Flyway's first start.
 */
final class PluginLibraries {

    /** Maven's own API, provided by Maven itself to every plugin realm. */
    private static final String MAVEN_GROUP = "org.apache.maven";

    /** Jackson 3's groups start with this; its annotations, which it brings along, are Jackson 2's. */
    private static final String JACKSON_GROUP = "tools.jackson";

    /** Static: this class is loaded by the plugin's realm, so there is one flag per realm, for every module. */
    private static boolean added;

    private static boolean jacksonAdded;

    private final PluginDescriptor plugin;
    private final RepositorySystem repositorySystem;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final ResolvedJars resolvedJars;

    PluginLibraries(
            PluginDescriptor plugin,
            RepositorySystem repositorySystem,
            RepositorySystemSession session,
            List<RemoteRepository> repositories,
            ResolvedJars resolvedJars) {
        this.plugin = plugin;
        this.repositorySystem = repositorySystem;
        this.session = session;
        this.repositories = repositories;
        this.resolvedJars = resolvedJars;
    }

    /**
     * Adds the libraries to the plugin's realm, once per realm, and Jackson when {@code withJackson} and it is not
     * there yet. Outside a Maven realm (the plugin's own tests), the class path holds them already.
     */
    void load(boolean withJackson) {
        if (!(PluginLibraries.class.getClassLoader() instanceof ClassRealm realm)) {
            return;
        }
        synchronized (PluginLibraries.class) {
            if (!added) {
                addAll(realm, jars(false));
                added = true;
            }
            if (withJackson && !jacksonAdded) {
                addAll(realm, jars(true));
                jacksonAdded = true;
            }
        }
    }

    private static void addAll(ClassRealm realm, List<Path> jars) {
        for (Path jar : jars) {
            realm.addURL(AbstractMigrateMojo.url(jar.toFile()));
        }
    }

    /** The jars of {@link #resolve}, as remembered from an earlier build when they are still there. */
    List<Path> jars(boolean jackson) {
        String key = key(jackson);
        Optional<List<Path>> remembered = resolvedJars.read(key);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        List<Path> resolved = resolve(jackson).stream()
                .map(result -> result.getArtifact().getFile().toPath())
                .toList();
        resolvedJars.write(key, resolved);
        return resolved;
    }

    /**
     * What the resolution depends on that can change under one plugin version: the files in the plugin's realm (the
     * plugin's jar, which a SNAPSHOT installed anew replaces, and {@code <plugin><dependencies>}), and which libraries.
     */
    private String key(boolean jackson) {
        StringBuilder text = new StringBuilder(plugin.getId()).append(jackson ? " jackson" : " libraries");
        for (org.apache.maven.artifact.Artifact artifact :
                Objects.requireNonNullElse(plugin.getArtifacts(), List.<org.apache.maven.artifact.Artifact>of())) {
            File file = artifact.getFile();
            text.append('\n').append(artifact.getId());
            if (file != null) {
                text.append(' ').append(file.getAbsolutePath()).append(' ').append(FileIdentity.of(file.toPath()));
            }
        }
        return HexFormat.of().formatHex(Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Jackson and its dependencies ({@code jackson}), or the other libraries and theirs, without those already in the
     * realm: each of those is excluded wherever it appears, so that the realm's version is the one used.
     */
    List<ArtifactResult> resolve(boolean jackson) {
        List<Exclusion> inRealm = plugin.getArtifacts().stream()
                .map(artifact -> excluding(artifact.getGroupId(), artifact.getArtifactId()))
                .toList();
        List<Dependency> libraries = declaredLibraries().stream()
                .filter(declared -> declared.getArtifact().getGroupId().startsWith(JACKSON_GROUP) == jackson)
                .filter(declared -> !inRealm.contains(excluding(
                        declared.getArtifact().getGroupId(),
                        declared.getArtifact().getArtifactId())))
                .map(declared -> new Dependency(
                        declared.getArtifact(),
                        "runtime",
                        false,
                        Stream.concat(declared.getExclusions().stream(), inRealm.stream())
                                .toList()))
                .toList();
        if (libraries.isEmpty()) {
            return List.of(); // all of them in <plugin><dependencies>
        }
        try {
            return repositorySystem
                    .resolveDependencies(
                            session, new DependencyRequest(new CollectRequest(libraries, null, repositories), null))
                    .getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw cannotResolve(e);
        }
    }

    /** The plugin's provided dependencies as its own POM declares them, versions and exclusions included. */
    private List<Dependency> declaredLibraries() {
        Artifact pom = new DefaultArtifact(plugin.getGroupId(), plugin.getArtifactId(), "pom", plugin.getVersion());
        try {
            return repositorySystem
                    .readArtifactDescriptor(session, new ArtifactDescriptorRequest(pom, repositories, null))
                    .getDependencies()
                    .stream()
                    .filter(dependency -> "provided".equals(dependency.getScope()))
                    .filter(dependency -> !dependency.getArtifact().getGroupId().startsWith(MAVEN_GROUP))
                    .toList();
        } catch (ArtifactDescriptorException e) {
            throw cannotResolve(e);
        }
    }

    private static Exclusion excluding(String groupId, String artifactId) {
        return new Exclusion(groupId, artifactId, "*", "*");
    }

    private EnvironmentFailureException cannotResolve(Exception cause) {
        return new EnvironmentFailureException(
                "Cannot resolve Flyway, jOOQ and the JDBC driver for " + plugin.getId() + " through Maven: "
                        + cause.getMessage() + ". Check the network or the repositories in settings.xml; an offline"
                        + " build needs them in the local repository, where any earlier build of the plugin with"
                        + " database work puts them.",
                cause);
    }
}
