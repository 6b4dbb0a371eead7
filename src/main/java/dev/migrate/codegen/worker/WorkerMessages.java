package dev.migrate.codegen.worker;

import dev.migrate.codegen.CodegenJvm;
import dev.migrate.database.OpenDatabase;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.UpgradeResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jooq.meta.jaxb.Configuration;

/**
 * What a build and the codegen worker say to each other over the worker's Unix socket, with Java serialization: both
 * run the same classes (the worker is keyed by the plugin's class path), and only the user can open the socket.
 * A {@link Request} is answered by {@link Accepted}, any number of log lines and then one {@link Done} or
 * {@link Failed}; or by {@link Refused}. Each side reads only these messages and what they hold ({@link #FILTER}): a stream that names any
 * other class is refused before an object of it is made.
 */
final class WorkerMessages {

    /**
     * The classes a message may hold: these messages, the jOOQ configuration ({@code org.jooq.meta.jaxb}) and Flyway's
     * result, and the JDK's strings, boxes, collections and URLs; anything else, arrays of anything else included, is
     * rejected. The limits keep a garbage stream from exhausting the heap.
     */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(String.join(
            ";",
            "maxdepth=64",
            "maxrefs=1000000",
            "maxbytes=268435456",
            "maxarray=1000000",
            WorkerMessages.class.getName() + "$*",
            UpgradeResult.class.getName(),
            BuildLog.Level.class.getName(),
            "org.jooq.meta.jaxb.*",
            "java.lang.Object",
            "java.lang.String",
            "java.lang.Boolean",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Number",
            "java.lang.Enum",
            "java.lang.Record",
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

        /** Does the work in this JVM; returns what {@link CodegenJvm}'s method returns (null for none). */
        Serializable perform(OpenDatabase database, ClassLoader projectClassLoader, BuildLog log);
    }

    /** {@link CodegenJvm#whyNotContinuable}. */
    record CheckPrefix(Migrations migrations) implements Job {

        @Override
        public Serializable perform(OpenDatabase database, ClassLoader projectClassLoader, BuildLog log) {
            return CodegenJvm.IN_PROCESS
                    .whyNotContinuable(database, migrations.withClassLoader(projectClassLoader), log)
                    .orElse(null);
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
    record Generate(Configuration configuration) implements Job {

        @Override
        public Serializable perform(OpenDatabase database, ClassLoader projectClassLoader, BuildLog log) {
            CodegenJvm.IN_PROCESS.generate(database.dataSource(), configuration, projectClassLoader, log);
            return null;
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
     * Do {@code job} on the database at {@code jdbcUrl} (shown as {@code databaseName} in messages), seeing
     * {@code projectClassPath}, logging at DEBUG too when {@code debug}. An embedded server's password is read from
     * {@code passwordFile} (null for none), which the worker, running as the same user, can read.
     */
    record Request(
            Job job,
            String jdbcUrl,
            String user,
            String passwordFile,
            String databaseName,
            List<URL> projectClassPath,
            boolean debug)
            implements Serializable {}

    /** The worker took the request and is working; sent at once, unless it is busy with another build. */
    record Accepted() implements Serializable {}

    /** The worker will not do this request (a class path entry it does not trust), and says why. */
    record Refused(String reason) implements Serializable {}

    /** A line for the build's log, at {@code level}. */
    record LogLine(BuildLog.Level level, String text) implements Serializable {}

    /** The job is done; {@code result} is what {@link CodegenJvm}'s method returns (null for none). */
    record Done(Serializable result) implements Serializable {}

    /** The job failed, as it would have in the build's JVM: a user mistake or an environment failure. */
    record Failed(boolean userMistake, String message) implements Serializable {}
}
