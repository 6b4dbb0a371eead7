package dev.migrate.maven;

import dev.migrate.error.EnvironmentFailureException;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
                    realm.addURL(url(library.getArtifact()));
                }
                added = true;
            }
        }
    }

    /** The libraries and their dependencies, without those already in the realm. */
    List<ArtifactResult> resolve() {
        Set<String> inRealm = plugin.getArtifacts().stream()
                .map(artifact -> artifact.getGroupId() + ":" + artifact.getArtifactId())
                .collect(Collectors.toSet());
        List<Dependency> libraries = new ArrayList<>();
        for (Dependency declared : declaredLibraries()) {
            if (!inRealm.contains(key(declared.getArtifact()))) {
                libraries.add(new Dependency(declared.getArtifact(), "runtime", false, exclusions(declared, inRealm)));
            }
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

    /** The POM's exclusions, and every library the realm has already, so that its version is the one used. */
    private static List<Exclusion> exclusions(Dependency declared, Set<String> inRealm) {
        List<Exclusion> exclusions = new ArrayList<>(declared.getExclusions());
        for (String library : inRealm) {
            String[] coordinates = library.split(":");
            exclusions.add(new Exclusion(coordinates[0], coordinates[1], "*", "*"));
        }
        return exclusions;
    }

    private static String key(Artifact artifact) {
        return artifact.getGroupId() + ":" + artifact.getArtifactId();
    }

    private static URL url(Artifact library) {
        try {
            return library.getFile().toURI().toURL();
        } catch (MalformedURLException e) {
            throw new EnvironmentFailureException("Cannot load " + library + " from " + library.getFile(), e);
        }
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
