package dev.migrate.maven;

import dev.migrate.error.EnvironmentFailureException;
import java.util.List;
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
 * dependencies, as when these were ordinary dependencies of the plugin.
 */
final class PluginLibraries {

    /** Maven's own API, provided by Maven itself to every plugin realm. */
    private static final String MAVEN_GROUP = "org.apache.maven";

    /** Static: this class is loaded by the plugin's realm, so there is one flag per realm, for every module. */
    private static boolean added;

    private final PluginDescriptor plugin;
    private final RepositorySystem repositorySystem;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    PluginLibraries(
            PluginDescriptor plugin,
            RepositorySystem repositorySystem,
            RepositorySystemSession session,
            List<RemoteRepository> repositories) {
        this.plugin = plugin;
        this.repositorySystem = repositorySystem;
        this.session = session;
        this.repositories = repositories;
    }

    /**
     * Adds the libraries to the plugin's realm, once per realm. Outside a Maven realm (the plugin's own tests), the
     * class path holds them already.
     */
    void load() {
        if (!(PluginLibraries.class.getClassLoader() instanceof ClassRealm realm)) {
            return;
        }
        synchronized (PluginLibraries.class) {
            if (!added) {
                for (ArtifactResult library : resolve()) {
                    realm.addURL(AbstractMigrateMojo.url(library.getArtifact().getFile()));
                }
                added = true;
            }
        }
    }

    /**
     * The libraries and their dependencies, without those already in the realm: each of those is excluded wherever
     * it appears, so that the realm's version is the one used.
     */
    List<ArtifactResult> resolve() {
        List<Exclusion> inRealm = plugin.getArtifacts().stream()
                .map(artifact -> excluding(artifact.getGroupId(), artifact.getArtifactId()))
                .toList();
        List<Dependency> libraries = declaredLibraries().stream()
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
