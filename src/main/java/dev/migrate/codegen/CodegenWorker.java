package dev.migrate.codegen;

import dev.migrate.codegen.WorkerMessages.Accepted;
import dev.migrate.codegen.WorkerMessages.Done;
import dev.migrate.codegen.WorkerMessages.Failed;
import dev.migrate.codegen.WorkerMessages.Level;
import dev.migrate.codegen.WorkerMessages.LogLine;
import dev.migrate.codegen.WorkerMessages.Request;
import dev.migrate.database.EmbeddedDataSource;
import dev.migrate.database.OpenDatabase;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A JVM that keeps Flyway and jOOQ's code generator warm between builds. In a fresh JVM, jOOQ spends most of a
 * generation loading and compiling its own code (10×50 tables: 2.2 s fresh, 0.45 s warm), and every Maven build is a
 * fresh JVM. The worker does one {@link WorkerMessages.Job} at a time for the build connected to its Unix socket, and
 * leaves by itself after an idle time, or when its socket file is gone. It runs the plugin's own classes, Flyway and
 * jOOQ, so what it migrates and writes is what the build's JVM would.
 *
 * <p>{@code java -cp <the plugin's class path> dev.migrate.codegen.CodegenWorker <socket> <idle seconds>}
 */
public final class CodegenWorker {

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    /** A build sends its request as soon as it connects; one that does not within this time is dropped. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Path socket;
    private final Duration idleTimeout;
    private volatile long lastActive = System.nanoTime();
    private volatile boolean busy;
    private volatile SocketChannel awaitingRequest;
    private volatile long connectedAt;

    private CodegenWorker(Path socket, Duration idleTimeout) {
        this.socket = socket;
        this.idleTimeout = idleTimeout;
    }

    public static void main(String[] arguments) throws IOException {
        // jOOQ logs through java.util.logging here (no SLF4J): lines go to the build that asked, not to a console
        LogManager.getLogManager().reset();
        Logger.getLogger("").addHandler(new JulRelay());
        Logger.getLogger("org.jooq").setLevel(java.util.logging.Level.ALL); // jOOQ's <logging> threshold decides
        new CodegenWorker(Path.of(arguments[0]), Duration.ofSeconds(Long.parseLong(arguments[1]))).serve();
    }

    private void serve() throws IOException {
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            startWatchdog();
            while (true) {
                try (SocketChannel connection = server.accept()) {
                    busy = true;
                    answer(connection);
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
                    // the build went away or sent garbage: it falls back to its own JVM, the worker serves the next
                    System.err.println("A request failed: " + e);
                } finally {
                    busy = false;
                    lastActive = System.nanoTime();
                    System.gc(); // give the heap of a large schema back while idle
                }
            }
        }
    }

    private void answer(SocketChannel connection) throws IOException, ClassNotFoundException {
        ObjectOutputStream out = new ObjectOutputStream(Channels.newOutputStream(connection));
        out.flush();
        connectedAt = System.nanoTime();
        awaitingRequest = connection;
        Request request;
        try {
            request = (Request) new ObjectInputStream(Channels.newInputStream(connection)).readObject();
        } finally {
            awaitingRequest = null;
        }
        send(out, new Accepted());
        RequestLog.INSTANCE.begin(out, request.debug());
        try (URLClassLoader project = new URLClassLoader(request.projectClassPath().toArray(URL[]::new),
                CodegenWorker.class.getClassLoader())) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(request.jdbcUrl());
            dataSource.setUser(request.user());
            if (request.passwordFile() != null) {
                dataSource.setPassword(EmbeddedDataSource.password(Path.of(request.passwordFile())));
            }
            OpenDatabase database = OpenDatabase.kept(dataSource, request.databaseName());
            send(out, new Done(request.job().perform(database, project, RequestLog.INSTANCE)));
        } catch (UserMistakeException e) {
            send(out, new Failed(true, e.getMessage()));
        } catch (EnvironmentFailureException e) {
            send(out, new Failed(false, e.getMessage()));
        } catch (RuntimeException | LinkageError e) {
            send(out, new Failed(false, "The codegen worker failed: " + e));
        } finally {
            RequestLog.INSTANCE.end();
        }
    }

    private static void send(ObjectOutputStream out, Object message) throws IOException {
        synchronized (out) {
            out.writeObject(message);
            out.flush();
        }
    }

    private void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(WATCH_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                SocketChannel silent = awaitingRequest;
                if (silent != null && System.nanoTime() - connectedAt > REQUEST_TIMEOUT.toNanos()) {
                    close(silent);
                }
                boolean idle = !busy && System.nanoTime() - lastActive > idleTimeout.toNanos();
                if (idle || !Files.exists(socket)) {
                    try {
                        Files.deleteIfExists(socket);
                    } catch (IOException e) {
                        // leaving anyway; the next build replaces the file
                    }
                    System.exit(0);
                }
            }
        }, "migrate-codegen-worker-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // it is being dropped anyway
        }
    }

    /** Sends jOOQ's log lines to the build; which levels reach here is jOOQ's {@code <logging>} threshold. */
    private static final class JulRelay extends Handler {

        private static final Formatter FORMATTER = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            boolean warning = record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue();
            RequestLog.INSTANCE.relay(warning ? Level.WARN : Level.DEBUG, FORMATTER.formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /**
     * The log of the build being served, which {@link JulRelay}, installed once, also writes to: lines go to whichever
     * build is served now, and between builds nowhere.
     */
    private static final class RequestLog implements BuildLog {

        static final RequestLog INSTANCE = new RequestLog();

        private volatile ObjectOutputStream out;
        private volatile boolean debug;

        void begin(ObjectOutputStream requestOut, boolean requestDebug) {
            debug = requestDebug;
            out = requestOut;
        }

        void end() {
            out = null;
        }

        @Override
        public boolean isDebugEnabled() {
            return debug;
        }

        @Override
        public void debug(String message) {
            if (debug) {
                relay(Level.DEBUG, message);
            }
        }

        @Override
        public void info(String message) {
            relay(Level.INFO, message);
        }

        @Override
        public void warn(String message) {
            relay(Level.WARN, message);
        }

        @Override
        public void error(String message) {
            relay(Level.ERROR, message);
        }

        void relay(Level level, String message) {
            ObjectOutputStream current = out;
            if (current == null) {
                return; // between builds: nobody to tell
            }
            try {
                send(current, new LogLine(level, message));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the build went away: stop the work
            }
        }
    }
}
