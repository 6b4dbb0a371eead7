package dev.migrate.maven;

import dev.migrate.error.EnvironmentFailureException;
import java.io.File;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.graph.DependencyFilter;

/**
 * The project's compile class path, resolved by Maven's own project resolver as for a goal that requires it, for a
 * goal that resolves it only when it comes to need it.
 */
final class CompileDependencies {

    /** Maven's compile resolution scope. */
    private static final Set<String> COMPILE_SCOPES = Set.of("compile", "provided", "system");

    private CompileDependencies() {}

    static List<File> resolve(
            ProjectDependenciesResolver resolver, MavenProject project, RepositorySystemSession session) {
        if (project.getDependencies().isEmpty()) {
            // nothing to resolve, and no request for Maven (nor for the testing harness, whose session has none)
            return List.of();
        }
        DependencyFilter compileScopes = (node, parents) -> node.getDependency() == null
                || COMPILE_SCOPES.contains(node.getDependency().getScope());
        try {
            return resolver
                    .resolve(
                            new DefaultDependencyResolutionRequest(project, session).setResolutionFilter(compileScopes))
                    .getDependencies()
                    .stream()
                    .filter(dependency -> COMPILE_SCOPES.contains(dependency.getScope()))
                    .map(dependency -> dependency.getArtifact().getFile())
                    .filter(Objects::nonNull)
                    .toList();
        } catch (DependencyResolutionException e) {
            throw new EnvironmentFailureException(
                    "Cannot resolve the compile dependencies of " + project.getId()
                            + ", where the migrations and jOOQ's configuration may find classes: " + e.getMessage()
                            + ". Check the dependencies' coordinates, the network or the repositories in"
                            + " settings.xml.",
                    e);
        }
    }
}
