package dev.migrate.maven;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import dev.migrate.log.RedactingLog;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.preload.LibraryLoader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * The one {@code execute()} template of every goal: warn about settings the goal does not read, skip, redact secrets,
 * run the goal with the project's class loader, translate its failures. A goal implements {@link #run(GoalContext)};
 * the parameters it reads come from the parameter groups between it and this class.
 */
public abstract class AbstractMigrateMojo extends AbstractMojo {

    /**
     * Skips every goal of this plugin, with one INFO line.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    private boolean skip;

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

    @Inject
    private ProjectDependenciesResolver dependenciesResolver;

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
        new UnreadSettings(session, mojoExecution, project).warnings().forEach(getLog()::warn);
        if (skip) {
            getLog().info("Skipping migrate:" + goal() + " (" + PropertyNames.SKIP + " is true)");
            skipped(configuration());
            return;
        }
        BuildLog mavenLog = new MavenBuildLog(getLog());
        RedactingLog log = new RedactingLog(mavenLog, List.of());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        try (ProjectClassLoader projectClassLoader = projectClassLoader()) {
            MavenConfiguration maven = configuration();
            log = new RedactingLog(mavenLog, secrets(maven));
            LibraryLoader forDatabaseWork = () -> {
                libraries().load();
                projectClassLoader.addDependencies();
            };
            if (!loadsLibrariesWhenNeeded()) {
                forDatabaseWork.load();
            }
            run(new GoalContext(log, projectClassLoader, maven, forDatabaseWork));
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

    /** What a goal does even when {@code migrate.skip} is true; nothing unless it overrides this. */
    protected void skipped(MavenConfiguration maven) {}

    /**
     * Whether the goal makes Flyway, jOOQ, the driver and the project's dependencies loadable itself
     * ({@link GoalContext#forDatabaseWork()}), when it comes to need them; otherwise that happens before {@link #run}.
     */
    protected boolean loadsLibrariesWhenNeeded() {
        return false;
    }

    /**
     * Adds Flyway, jOOQ and the JDBC driver to the plugin's class realm, once, when they are not there; and Jackson,
     * when the goal writes JSON or a module's Flyway settings need it ({@link JacksonNeed}).
     */
    protected LibraryLoader libraries() {
        PluginDescriptor plugin = mojoExecution.getMojoDescriptor().getPluginDescriptor();
        PluginLibraries libraries = new PluginLibraries(
                plugin,
                repositorySystem,
                session.getRepositorySession(),
                project.getRemotePluginRepositories(),
                new ResolvedJars(() -> PostgresBinariesResolver.cacheDirectory(localRepository())
                        .resolveSibling("libraries")));
        return () -> {
            boolean forFlyway = JacksonNeed.forFlyway(session, plugin.getPluginLookupKey());
            libraries.load(writesJson() || forFlyway);
            if (forFlyway) {
                FlywayFactory.checkExtensionSettingsReadable();
            }
        };
    }

    /** Whether the goal writes JSON, with Jackson; false unless it overrides this. */
    protected boolean writesJson() {
        return false;
    }

    /** The goal's name, as users type it after {@code migrate:}. */
    protected abstract String goal();

    /** Does the goal's work; throws the core's exceptions, which {@link #execute()} translates. */
    protected abstract void run(GoalContext context);

    /** Every secret the goal may come to know, so that no log line or message shows one; none unless overridden. */
    List<String> secrets(MavenConfiguration maven) {
        return new ArrayList<>();
    }

    /**
     * What a goal's {@link #run} gets: the log, the class loader that sees the project, and its Maven configuration.
     *
     * @param forDatabaseWork adds the libraries to the plugin's realm and the dependencies to the project's class
     *                        loader, for a goal that {@link #loadsLibrariesWhenNeeded()}: before its database starts,
     *                        so that a dependency Maven cannot resolve fails the goal before any database work
     */
    protected record GoalContext(
            BuildLog log, ClassLoader projectClassLoader, MavenConfiguration maven, LibraryLoader forDatabaseWork) {}

    /** The adapter from this execution's session and project to the core's records. */
    MavenConfiguration configuration() {
        MavenProject topLevel = session.getTopLevelProject() == null ? project : session.getTopLevelProject();
        MavenConfiguration.ProjectLayout layout = new MavenConfiguration.ProjectLayout(
                project.getBasedir() == null
                        ? Path.of("").toAbsolutePath()
                        : project.getBasedir().toPath(),
                Path.of(project.getBuild().getDirectory()),
                Path.of(topLevel.getBuild().getDirectory()),
                project.getGroupId(),
                project.getArtifactId(),
                this::localRepository);
        PostgresBinariesResolver resolver = new PostgresBinariesResolver(
                repositorySystem, session.getRepositorySession(), project.getRemotePluginRepositories());
        return new MavenConfiguration(
                session.getUserProperties(),
                session.getSystemProperties(),
                layout,
                settings,
                settingsDecrypter,
                environment,
                resolver::resolve);
    }

    protected MavenProject project() {
        return project;
    }

    MavenSession session() {
        return session;
    }

    MojoExecution mojoExecution() {
        return mojoExecution;
    }

    private Path localRepository() {
        return session.getRepositorySession().getLocalRepository().getBasedir().toPath();
    }

    /** The project's resources, classes and compile dependencies. */
    private ProjectClassLoader projectClassLoader() {
        List<URL> folders = new ArrayList<>();
        for (Resource resource : project.getResources()) {
            folders.add(url(new File(resource.getDirectory())));
        }
        folders.add(url(new File(project.getBuild().getOutputDirectory())));
        return new ProjectClassLoader(
                folders, this::compileDependencies, getClass().getClassLoader());
    }

    /**
     * The jars of the compile class path: those Maven resolved for the goal, or, for a goal that asks Maven for none
     * (generate, whose up-to-date check needs none), resolved now.
     */
    private List<URL> compileDependencies() {
        List<File> jars = mojoExecution.getMojoDescriptor().getDependencyResolutionRequired() == null
                ? CompileDependencies.resolve(dependenciesResolver, project, session.getRepositorySession())
                : project.getArtifacts().stream()
                        .filter(artifact -> !"test".equals(artifact.getScope()))
                        .map(org.apache.maven.artifact.Artifact::getFile)
                        .filter(Objects::nonNull)
                        .toList();
        return jars.stream().map(AbstractMigrateMojo::url).toList();
    }

    /** {@code file} as a class path URL. */
    static URL url(File file) {
        try {
            return file.toURI().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException("Cannot name " + file + " as a URL", e);
        }
    }
}
