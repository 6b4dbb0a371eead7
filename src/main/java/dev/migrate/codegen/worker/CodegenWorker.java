package dev.migrate.codegen.worker;

import dev.migrate.codegen.worker.WorkerMessages.Accepted;
import dev.migrate.codegen.worker.WorkerMessages.Done;
import dev.migrate.codegen.worker.WorkerMessages.Failed;
import dev.migrate.codegen.worker.WorkerMessages.LogLine;
import dev.migrate.codegen.worker.WorkerMessages.Refused;
import dev.migrate.codegen.worker.WorkerMessages.Request;
import dev.migrate.database.OpenDatabase;
import dev.migrate.embedded.BuildServer;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.MigrateException;
import dev.migrate.files.PrivateFiles;
import dev.migrate.log.BuildLog;
import dev.migrate.log.BuildLog.Level;
import dev.migrate.preload.ClassPreload;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import jdk.net.ExtendedSocketOptions;

/**
 * A JVM that keeps Flyway and jOOQ's code generator warm between builds. In a fresh JVM, jOOQ spends most of a
 * generation loading and compiling its own code (10×50 tables: 2.2 s fresh, 0.45 s warm), and every Maven build is a
 * fresh JVM. The worker does one {@link WorkerMessages.Job} at a time for the build connected to its Unix socket, and
 * leaves by itself after an idle time, or when its socket file is gone. It runs the plugin's own classes, Flyway and
 * jOOQ, so what it migrates and writes is what the build's JVM would.
 *
 * <p>Only the user reaches it: its socket is in a directory only the user can enter (the kernel checks it on
 * connect), it refuses to serve from any other, and it drops a connection whose peer credentials name another user.
 * It reads only its own messages, and loads project classes only from the user's own files.
 *
 * <p>{@code java -cp <the plugin's class path> dev.migrate.codegen.worker.CodegenWorker <socket> <idle seconds> <workers>}
 */
public final class CodegenWorker {

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    /**
     * How long the worker waits, idle, before it gives the heap of a large schema back: not at once after a piece of
     * work, because a build sends its next one right away (an upgrade, then a generation) and would wait for the
     * collection.
     */
    private static final Duration COLLECT_AFTER_IDLE = Duration.ofMillis(500);
    /**
     * A build sends its request as soon as it connects and reads the answer as it comes: one that keeps the worker
     * waiting this long, to read its request or to take a line of the answer (a build stopped with Ctrl-Z), is
     * dropped, so that the next builds find the worker free.
     */
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);

    private final Path socket;
    private final Duration idleTimeout;
    private volatile long lastActive = System.nanoTime();
    private volatile boolean busy;
    /** Whether the heap was collected since the last piece of work. */
    private volatile boolean collected = true;
    /** The build being served, while the worker waits for it; null otherwise. */
    private volatile Peer waitingFor;

    private CodegenWorker(Path socket, Duration idleTimeout) {
        this.socket = socket;
        this.idleTimeout = idleTimeout;
    }

    /**
     * {@code <socket> <idle seconds> <workers directory>}: the last one names the directory of the build that started
     * the worker, so that {@code migrate:worker-stop} finds the workers of a local repository.
     */
    public static void main(String[] arguments) throws IOException {
        // jOOQ logs through java.util.logging here (no SLF4J): lines go to the build that asked, not to a console
        LogManager.getLogManager().reset();
        Logger.getLogger("").addHandler(new JulRelay());
        Logger.getLogger("org.jooq").setLevel(java.util.logging.Level.ALL); // jOOQ's <logging> threshold decides
        Path socket = Path.of(arguments[0]);
        try {
            PrivateFiles.requireEnterableByOwnerOnly(socket.toAbsolutePath().getParent());
        } catch (IOException e) {
            System.err.println("Not serving: " + e.getMessage());
            System.exit(1);
        }
        // the first build waits for a cold worker: its first migration and generation find their classes loaded
        ClassPreload.start(CodegenWorker.class.getClassLoader(), ClassPreload.ALL);
        BuildServer.outliveBuilds();
        new CodegenWorker(socket, Duration.ofSeconds(Long.parseLong(arguments[1]))).serve();
    }

    private void serve() throws IOException {
        UserPrincipal user = Files.getOwner(socket.toAbsolutePath().getParent(), LinkOption.NOFOLLOW_LINKS);
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            removeOnExit(Files.readAttributes(socket, BasicFileAttributes.class).fileKey());
            startWatchdog();
            while (true) {
                try (SocketChannel connection = server.accept()) {
                    busy = true;
                    requireSameUser(connection, user);
                    answer(new Peer(connection));
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
                    // the build went away or sent garbage: it falls back to its own JVM, the worker serves the next
                    System.err.println("A request failed: " + e);
                } finally {
                    waitingFor = null;
                    busy = false;
                    lastActive = System.nanoTime();
                    collected = false;
                }
            }
        }
    }

    /**
     * Refuses a connection from another user, where the platform says who connected ({@code SO_PEERCRED} on Linux
     * and macOS); the private directory already keeps others from connecting, this holds also if it did not.
     */
    static void requireSameUser(SocketChannel connection, UserPrincipal user) throws IOException {
        UserPrincipal peer;
        try {
            peer = connection.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
        } catch (UnsupportedOperationException e) {
            return; // no peer credentials here: the directory is the guard
        }
        if (!peer.equals(user)) {
            throw new IOException(
                    "refused a connection from " + peer.getName() + ": the worker serves " + user.getName() + " only");
        }
    }

    /** Also on SIGTERM: the socket goes with the worker, unless another worker has replaced it by then. */
    private void removeOnExit(Object socketKey) {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                if (socketKey.equals(Files.readAttributes(socket, BasicFileAttributes.class)
                                        .fileKey())) {
                                    Files.delete(socket);
                                }
                            } catch (IOException e) {
                                // gone already, or not ours
                            }
                        },
                        "migrate-codegen-worker-socket-removal"));
    }

    private void answer(Peer peer) throws IOException, ClassNotFoundException {
        Request request = (Request) peer.read();
        URL[] projectClassPath;
        try {
            projectClassPath = trusted(request.projectClassPath());
            trusted(request.job().programs());
            request.job().checkDoableHere();
        } catch (IOException e) {
            peer.send(new Refused(e.getMessage()));
            return;
        } catch (RuntimeException | LinkageError e) {
            // the worker serves on: the build's JVM does the work, and says why in its line
            peer.send(new Refused(e.toString()));
            return;
        }
        peer.send(new Accepted());
        RequestLog.INSTANCE.begin(peer, request.debug());
        try (URLClassLoader project = new URLClassLoader(projectClassPath, CodegenWorker.class.getClassLoader())) {
            OpenDatabase database =
                    request.database() == null ? null : request.database().open();
            peer.send(new Done(request.job().perform(database, project, RequestLog.INSTANCE)));
        } catch (MigrateException e) {
            peer.send(Failed.of(e));
        } catch (RuntimeException | LinkageError e) {
            peer.send(Failed.of(new EnvironmentFailureException("The codegen worker failed: " + e, e)));
        } finally {
            RequestLog.INSTANCE.end();
        }
    }

    /**
     * The project's class path as the worker accepts it: local files, owned by this user (or root, like a JDK or a
     * system-wide repository) and writable by nobody else; entries that do not exist (yet) hold no classes and are
     * left out. Anything else is refused before the request is accepted, and the build does the work itself.
     */
    static URL[] trusted(List<URL> classPath) throws IOException {
        int uid = PrivateFiles.currentUid();
        List<URL> trusted = new ArrayList<>();
        for (URL entry : classPath) {
            Path file;
            try {
                file = Path.of(entry.toURI());
            } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
                throw new IOException("refused the class path entry " + entry + ": not a local file", e);
            }
            if (!Files.exists(file)) {
                continue;
            }
            int owner = (Integer) Files.getAttribute(file, "unix:uid");
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (owner != uid && owner != 0
                    || permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IOException("refused the class path entry " + file + ": owned by uid " + owner + ", "
                        + PosixFilePermissions.toString(permissions) + "; only this user's (or root's) files that"
                        + " nobody else can write are loaded");
            }
            trusted.add(entry);
        }
        return trusted.toArray(URL[]::new);
    }

    /** A connected build: reading from and writing to it is watched, so that a build that stalls is dropped. */
    private final class Peer {

        private final SocketChannel channel;
        private final ObjectOutputStream out;
        private volatile long waitingSince;

        Peer(SocketChannel channel) throws IOException {
            this.channel = channel;
            this.out = new ObjectOutputStream(Channels.newOutputStream(channel));
            waitForPeer(out::flush);
        }

        Object read() throws IOException, ClassNotFoundException {
            waitingSince = System.nanoTime();
            waitingFor = this;
            try {
                return WorkerMessages.input(Channels.newInputStream(channel)).readObject();
            } finally {
                waitingFor = null;
            }
        }

        synchronized void send(Object message) throws IOException {
            waitForPeer(() -> {
                out.writeObject(message);
                out.flush();
            });
        }

        private void waitForPeer(IoAction action) throws IOException {
            waitingSince = System.nanoTime();
            waitingFor = this;
            try {
                action.run();
            } finally {
                waitingFor = null;
            }
        }

        boolean stalled() {
            return System.nanoTime() - waitingSince > PEER_TIMEOUT.toNanos();
        }

        void drop() {
            try {
                channel.close(); // ends the blocked read or write with an exception
            } catch (IOException e) {
                // it is being dropped anyway
            }
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void collectIfIdle() {
        if (!busy && !collected && System.nanoTime() - lastActive > COLLECT_AFTER_IDLE.toNanos()) {
            collected = true;
            System.gc(); // the serial collector gives the heap back to the system
        }
    }

    private void startWatchdog() {
        Thread watchdog = new Thread(
                () -> {
                    while (true) {
                        try {
                            Thread.sleep(WATCH_INTERVAL.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                        Peer peer = waitingFor;
                        if (peer != null && peer.stalled()) {
                            System.err.println("Dropped a build that kept the worker waiting for "
                                    + PEER_TIMEOUT.toSeconds() + " s");
                            peer.drop();
                        }
                        collectIfIdle();
                        boolean idle = !busy && System.nanoTime() - lastActive > idleTimeout.toNanos();
                        if (idle || !Files.exists(socket)) {
                            System.exit(0); // the shutdown hook removes the socket
                        }
                    }
                },
                "migrate-codegen-worker-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
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
        public void flush() {}

        @Override
        public void close() {}
    }

    /**
     * The log of the build being served, which {@link JulRelay}, installed once, also writes to: lines go to whichever
     * build is served now, and between builds nowhere.
     */
    private static final class RequestLog implements BuildLog {

        static final RequestLog INSTANCE = new RequestLog();

        private volatile Peer peer;
        private volatile boolean debug;

        void begin(Peer requestPeer, boolean requestDebug) {
            debug = requestDebug;
            peer = requestPeer;
        }

        void end() {
            peer = null;
        }

        @Override
        public boolean isDebugEnabled() {
            return debug;
        }

        @Override
        public void log(Level level, String message) {
            relay(level, message);
        }

        void relay(Level level, String message) {
            Peer current = peer;
            if (current == null) {
                return; // between builds: nobody to tell
            }
            try {
                current.send(new LogLine(level, message));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the build went away: stop the work
            }
        }
    }
}
