package dev.migrate.codegen;

import java.io.Serializable;
import java.net.URL;
import java.util.List;
import org.jooq.meta.jaxb.Configuration;

/**
 * What a build and the codegen worker say to each other over the worker's Unix socket, with Java serialization: both
 * run the same classes (the worker is keyed by the plugin's class path), and only the user can open the socket.
 * A request is answered by {@link Accepted}, any number of log lines and then one {@link Done} or {@link Failed}.
 */
final class WorkerMessages {

    private WorkerMessages() {
    }

    /** Generate {@code configuration} from the database at {@code jdbcUrl}, seeing {@code projectClassPath}. */
    record Request(Configuration configuration, String jdbcUrl, String user, List<URL> projectClassPath)
            implements Serializable {
    }

    /** The worker took the request and is generating; sent at once, unless it is busy with another build. */
    record Accepted() implements Serializable {
    }

    /** A line of jOOQ's log, for the build's log. */
    record LogLine(boolean warning, String text) implements Serializable {
    }

    /** The generation finished; the files are in the configuration's target directory. */
    record Done() implements Serializable {
    }

    /** The generation failed, as it would have in the build's JVM: a user mistake or an environment failure. */
    record Failed(boolean userMistake, String message) implements Serializable {
    }
}
