package dev.migrate.codegen;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.MigrateException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.files.Directories;
import dev.migrate.log.BuildLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.PatternSyntaxException;
import javax.sql.DataSource;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;

/**
 * Runs jOOQ's code generator on a database that holds the migrated schema, on a connection the plugin opens and
 * closes itself ({@link GenerationTool} ignores {@code <jdbc>} then, and leaves the connection open). jOOQ writes into
 * a staging directory; the output changes only when the generation succeeded.
 */
public final class JooqGenerator {

    private JooqGenerator() {}

    /** What a generation produced. */
    record Result(Path outputDirectory, GeneratedOutput.Changes changes, long millis, String where) {}

    public static Result generate(
            DataSource dataSource,
            CodegenSettings settings,
            ClassLoader projectClassLoader,
            CodegenJvm jvm,
            BuildLog log) {
        try (Staging staging = new Staging(settings)) {
            long started = System.nanoTime();
            String where = jvm.generate(dataSource, staging.run(), projectClassLoader, log);
            return staging.replaceOutput((System.nanoTime() - started) / 1_000_000, where, log);
        }
    }

    /**
     * A new staging directory for one generation, deleted when closed: jOOQ writes into it, and the output is replaced
     * with what it holds only once the generation succeeded.
     */
    static final class Staging implements AutoCloseable {

        private final CodegenSettings settings;
        private final GeneratedOutput output;
        private final Path directory;

        Staging(CodegenSettings settings) {
            this.settings = settings;
            this.output = GeneratedOutput.of(settings);
            this.directory = output.newStagingDirectory();
        }

        /** jOOQ's run into this staging directory. */
        JooqRun run() {
            return JooqRun.of(settings, directory.toString());
        }

        /**
         * Replaces the output with what jOOQ staged in {@code generationMillis}, {@code where} (empty for the build's
         * JVM), and says so in one line.
         */
        Result replaceOutput(long generationMillis, String where, BuildLog log) {
            long replacing = System.nanoTime();
            GeneratedOutput.Changes changes = output.replaceWith(directory);
            Result result = new Result(
                    settings.outputDirectory(),
                    changes,
                    generationMillis + (System.nanoTime() - replacing) / 1_000_000,
                    where);
            log.info(summary(result, settings.basedir()));
            return result;
        }

        @Override
        public void close() {
            Directories.deleteRecursively(directory);
        }
    }

    /** Runs jOOQ in this JVM on the run that {@code parsing} reads and checks against jOOQ's schema. */
    static void runInProcess(
            DataSource dataSource, JooqConfiguration.Parsing parsing, ClassLoader projectClassLoader, BuildLog log) {
        runInProcess(dataSource, JooqConfiguration.configuration(parsing, log), projectClassLoader);
    }

    public static void runInProcess(
            DataSource dataSource, Configuration configuration, ClassLoader projectClassLoader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // custom generators, strategies and converters named in the configuration may come from the project's
        // dependencies
        thread.setContextClassLoader(projectClassLoader);
        try (Connection connection = dataSource.getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(connection);
            tool.run(configuration);
        } catch (SQLException e) {
            throw new EnvironmentFailureException("jOOQ could not read the migrated schema: " + e.getMessage(), e);
        } catch (Exception e) {
            throw classified(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * jOOQ's failures that come from its configuration are the user's to fix: a class it names that cannot be found
     * or made (generator, strategy, database, converter), and an invalid regular expression (includes, excludes,
     * forced types). Anything else failed around the configuration, and keeps its cause.
     */
    static MigrateException classified(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClassNotFoundException || cause instanceof NoSuchMethodException) {
                return new UserMistakeException(
                        "jOOQ cannot load a class named in its generator configuration: " + cause
                                + ". Check the class name, and that the project or the plugin depends on its jar.",
                        new Suggestion.Change(Setting.GENERATOR),
                        e);
            }
            if (cause instanceof PatternSyntaxException invalid) {
                return new UserMistakeException(
                        "A regular expression in jOOQ's generator configuration is invalid (includes, excludes or a"
                                + " forced type): " + invalid.getMessage(),
                        new Suggestion.Change(Setting.GENERATOR),
                        e);
            }
        }
        return new EnvironmentFailureException("jOOQ code generation failed: " + e, e);
    }

    static String summary(Result result, Path basedir) {
        GeneratedOutput.Changes changes = result.changes();
        Path shown = result.outputDirectory().startsWith(basedir)
                ? basedir.relativize(result.outputDirectory())
                : result.outputDirectory();
        return "Generated jOOQ classes in " + shown + ": " + changes.files() + " files, " + changes.written()
                + " written, " + changes.removed() + " removed (" + result.millis() + " ms"
                + (result.where().isEmpty() ? "" : " " + result.where()) + ")";
    }

    /**
     * The version of the jOOQ that runs, also when a user overrides the plugin's jOOQ dependency: read at run time,
     * because the compiler would inline the constant of the jOOQ the plugin was built with.
     */
    static String jooqVersion() {
        return jooqConstant("FULL_VERSION");
    }

    /** The constant {@code name} of the jOOQ that runs, not the one the compiler would inline. */
    static String jooqConstant(String name) {
        try {
            return String.valueOf(org.jooq.Constants.class.getField(name).get(null));
        } catch (ReflectiveOperationException e) {
            throw new EnvironmentFailureException("Cannot read " + name + " of jOOQ: " + e, e);
        }
    }
}
