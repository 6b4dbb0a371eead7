package dev.migrate.codegen.worker;

import dev.migrate.codegen.CachedGeneration;
import dev.migrate.codegen.CodegenJvm;
import dev.migrate.codegen.JooqRun;
import dev.migrate.codegen.incremental.SchemaCache;
import dev.migrate.database.OpenDatabase;
import dev.migrate.embedded.EmbeddedDataSource;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.embedded.PostgresBinaries;
import dev.migrate.error.Action;
import dev.migrate.error.ConnectionFailure;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.MigrateException;
import dev.migrate.error.Role;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.UpgradeResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What a build and the codegen worker say to each other over the worker's Unix socket, with Java serialization: both
 * run the same classes (the worker is keyed by the plugin's class path), and only the user can open the socket.
 * A {@link Request} is answered by {@link Accepted}, any number of log lines and then one {@link Done} or
 * {@link Failed}; or by {@link Refused}. Each side reads only these messages and what they hold ({@link #FILTER}): a stream that names any
 * other class is refused before an object of it is made.
 */
final class WorkerMessages {

    /**
     * The classes a message may hold: these messages, jOOQ's run (its configuration as XML text) and Flyway's
     * result, a failure's suggestion, and the JDK's strings, boxes, collections, URLs and stack frames; anything else,
     * arrays of anything else included, is rejected. The limits keep a garbage stream from exhausting the heap.
     */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(String.join(
            ";",
            "maxdepth=64",
            "maxrefs=1000000",
            "maxbytes=268435456",
            "maxarray=1000000",
            WorkerMessages.class.getName() + "$*",
            UpgradeResult.class.getName(),
            SchemaCache.Entry.class.getName(),
            CachedGeneration.Result.class.getName(),
            BuildLog.Level.class.getName(),
            JooqRun.class.getName(),
            "java.lang.Object",
            "java.lang.String",
            "java.lang.Boolean",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Number",
            "java.lang.Enum",
            "java.lang.Record",
            "java.lang.StackTraceElement",
            Suggestion.class.getName() + "$*",
            Role.class.getName(),
            ConnectionFailure.class.getName(),
            Setting.class.getName(),
            Action.class.getName(),
            "java.util.*",
            "java.net.URL",
            "!*"));

    private WorkerMessages() {}

    /** A stream that reads messages, and nothing else. */
    static ObjectInputStream input(InputStream in) throws IOException {
        ObjectInputStream stream = new ObjectInputStream(in);
        stream.setObjectInputFilter(FILTER);
        return stream;
    }

    /** One piece of {@link CodegenJvm}'s work, which the worker does as the build's JVM would. */
    sealed interface Job extends Serializable {

        /**
         * Does the work in this JVM, on the request's database (null for a job that needs none); returns what
         * {@link CodegenJvm}'s method returns (null for none).
         */
        Serializable perform(OpenDatabase database, ClassLoader projectClassLoader, BuildLog log);

        /** What the job runs besides the project's classes, which the worker trusts as it does those. */
        default List<URL> programs() {
            return List.of();
        }

        /** Throws, saying why, when the job needs what this JVM lacks: the build's JVM does it instead. */
        default void checkDoableHere() throws IOException {}
    }

    /**
     * {@link CodegenJvm#generateOnCachedSchema}: the build server is the worker's, and waits for the next builds.
     * Needs no database of the request's.
     */
    record GenerateOnCachedSchema(
            BuildServerSettings server,
            SchemaCache.Entry entry,
            Migrations migrations,
            String catalogInPlace,
            JooqRun run)
            implements Job {

        static GenerateOnCachedSchema of(CachedGeneration generation) {
            return new GenerateOnCachedSchema(
                    BuildServerSettings.of(generation.embedded(), generation.directory()),
                    generation.entry(),
                    Migrations.of(generation.migrations()),
                    generation.catalogInPlace(),
                    generation.run());
        }

        @Override
        public Serializable perform(OpenDatabase database, ClassLoader projectClassLoader, BuildLog log) {
            return new CachedGeneration(
                            server.embedded(),
                            Path.of(server.directory()),
                            entry,
                            migrations.withClassLoader(projectClassLoader),
                            catalogInPlace,
                            run)
                    .run(log)
                    .orElse(null);
        }

        /** The worker has no SLF4J, through which zonky logs the extraction of the binaries of a first start. */
        @Override
        public void checkDoableHere() throws IOException {
            if (!EmbeddedServer.binariesExtracted(server.embedded())) {
                throw new IOException("the PostgreSQL binaries " + server.binariesArchive()
                        + " are not extracted yet, which the build's JVM does");
            }
        }

        /** The PostgreSQL binaries the build server runs. */
        @Override
        public List<URL> programs() {
            try {
                return List.of(Path.of(server.binariesArchive()).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("Not a file: " + server.binariesArchive(), e);
            }
        }
    }

    /** {@link EmbeddedSettings} and the directory of the build server's cluster, as plain values. */
    record BuildServerSettings(
            String binariesArchive,
            String version,
            String binariesCache,
            long lockTimeoutMillis,
            int port,
            String directory)
            implements Serializable {

        static BuildServerSettings of(EmbeddedSettings embedded, Path directory) {
            return new BuildServerSettings(
                    embedded.binaries().archive().toString(),
                    embedded.binaries().version(),
                    embedded.binariesCache().toString(),
                    embedded.lockTimeout().toMillis(),
                    embedded.port(),
                    directory.toString());
        }

        EmbeddedSettings embedded() {
            return new EmbeddedSettings(
                    new PostgresBinaries(Path.of(binariesArchive), version),
                    Path.of(binariesCache),
                    Duration.ofMillis(lockTimeoutMillis),
                    port);
        }
    }

    /** {@link CodegenJvm#upgrade}. */
    record Upgrade(Migrations migrations) implements Job {

        @Override
        public Serializable perform(OpenDatabase database, ClassLoader projectClassLoader, BuildLog log) {
            return CodegenJvm.IN_PROCESS.upgrade(database, migrations.withClassLoader(projectClassLoader), log);
        }
    }

    /** {@link CodegenJvm#generate}. */
    record Generate(JooqRun run) implements Job {

        @Override
        public Serializable perform(OpenDatabase database, ClassLoader projectClassLoader, BuildLog log) {
            CodegenJvm.IN_PROCESS.generate(database.dataSource(), run, projectClassLoader, log);
            return null;
        }
    }

    /** {@link CodegenJvm#catalogDigest}. */
    record DigestCatalog() implements Job {

        @Override
        public Serializable perform(OpenDatabase database, ClassLoader projectClassLoader, BuildLog log) {
            return CodegenJvm.IN_PROCESS.catalogDigest(database, projectClassLoader, log);
        }
    }

    /** {@link MigrationSettings} without its class loader, which the worker makes from the project's class path. */
    record Migrations(
            List<String> locations,
            List<String> schemas,
            Map<String, String> placeholders,
            Map<String, String> flywayProperties,
            String target)
            implements Serializable {

        static Migrations of(MigrationSettings settings) {
            return new Migrations(
                    settings.locations(),
                    settings.schemas(),
                    settings.placeholders(),
                    settings.flywayProperties(),
                    settings.target());
        }

        MigrationSettings withClassLoader(ClassLoader classLoader) {
            return new MigrationSettings(locations, schemas, placeholders, flywayProperties, target, classLoader);
        }
    }

    /**
     * Do {@code job}, on {@code database} when it needs one (null otherwise), seeing {@code projectClassPath},
     * logging at DEBUG too when {@code debug}.
     */
    record Request(Job job, Address database, List<URL> projectClassPath, boolean debug) implements Serializable {}

    /**
     * The database at {@code jdbcUrl}, shown as {@code displayName} in messages. An embedded server's password is
     * read from {@code passwordFile} (null for none), which the worker, running as the same user, can read.
     */
    record Address(String jdbcUrl, String user, String passwordFile, String displayName) implements Serializable {

        OpenDatabase open() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(jdbcUrl);
            dataSource.setUser(user);
            if (passwordFile != null) {
                dataSource.setPassword(EmbeddedDataSource.password(Path.of(passwordFile)));
            }
            return OpenDatabase.kept(dataSource, displayName);
        }
    }

    /** The worker took the request and is working; sent at once, unless it is busy with another build. */
    record Accepted() implements Serializable {}

    /** The worker will not do this request (a class path entry it does not trust), and says why. */
    record Refused(String reason) implements Serializable {}

    /** A line for the build's log, at {@code level}. */
    record LogLine(BuildLog.Level level, String text) implements Serializable {}

    /** The job is done; {@code result} is what {@link CodegenJvm}'s method returns (null for none). */
    record Done(Serializable result) implements Serializable {}

    /**
     * The job failed, as it would have in the build's JVM: a user mistake or an environment failure, with its
     * suggestion, its stack trace and its causes, so that {@code mvn -e} shows what it shows for a failure in the
     * build's JVM. Sent as text and frames, never as the exceptions themselves, which could be of any class; each
     * part is bounded.
     */
    record Failed(
            boolean userMistake,
            String message,
            Suggestion suggestion,
            List<StackTraceElement> stackTrace,
            List<Thrown> causes)
            implements Serializable {

        static final int MAX_CAUSES = 32;

        static Failed of(MigrateException failure) {
            List<Thrown> causes = new ArrayList<>();
            Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            seen.add(failure);
            for (Throwable cause = failure.getCause();
                    cause != null && seen.add(cause) && causes.size() < MAX_CAUSES;
                    cause = cause.getCause()) {
                causes.add(Thrown.of(cause));
            }
            return new Failed(
                    failure instanceof UserMistakeException,
                    Thrown.bounded(failure.getMessage()),
                    failure.suggestion().orElse(null),
                    Thrown.frames(failure),
                    List.copyOf(causes));
        }

        /** The failure as the build's JVM would have thrown it, its causes rebuilt. */
        MigrateException rebuilt() {
            Throwable cause = null;
            for (int i = causes.size() - 1; i >= 0; i--) {
                cause = causes.get(i).rebuilt(cause);
            }
            MigrateException failure = userMistake
                    ? new UserMistakeException(message, suggestion, cause)
                    : new EnvironmentFailureException(message, suggestion, cause);
            failure.setStackTrace(stackTrace.toArray(StackTraceElement[]::new));
            return failure;
        }
    }

    /** One cause of a failure, as text and frames. */
    record Thrown(String className, String message, List<StackTraceElement> stackTrace) implements Serializable {

        static final int MAX_MESSAGE_CHARS = 16_384;
        static final int MAX_FRAMES = 1_024;

        static Thrown of(Throwable thrown) {
            return new Thrown(thrown.getClass().getName(), bounded(thrown.getMessage()), frames(thrown));
        }

        static String bounded(String message) {
            return message == null || message.length() <= MAX_MESSAGE_CHARS
                    ? message
                    : message.substring(0, MAX_MESSAGE_CHARS) + "...";
        }

        static List<StackTraceElement> frames(Throwable thrown) {
            StackTraceElement[] frames = thrown.getStackTrace();
            return List.of(Arrays.copyOf(frames, Math.min(frames.length, MAX_FRAMES)));
        }

        Throwable rebuilt(Throwable cause) {
            WorkerCause rebuilt = new WorkerCause(className, message, cause);
            rebuilt.setStackTrace(stackTrace.toArray(StackTraceElement[]::new));
            return rebuilt;
        }
    }

    /**
     * A cause thrown in the worker, rebuilt in the build: it prints as the original did, under the original's class
     * name, which the build need not be able to load.
     */
    static final class WorkerCause extends Exception {

        private final String className;

        WorkerCause(String className, String message, Throwable cause) {
            super(message, cause);
            this.className = className;
        }

        @Override
        public String toString() {
            return getMessage() == null ? className : className + ": " + getMessage();
        }
    }
}
