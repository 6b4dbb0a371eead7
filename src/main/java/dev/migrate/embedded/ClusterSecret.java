package dev.migrate.embedded;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.files.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.postgresql.util.PasswordUtil;

/**
 * The password of an embedded cluster's superuser, which is what keeps other local users out: the servers listen on
 * the loopback interface (pgjdbc needs an extra library for Unix sockets), and every TCP connection must log in with
 * scram-sha-256. The password is random per cluster template (copies share it), and lives inside the data directory,
 * which PostgreSQL keeps owner-only, as a pgpass file: {@code PGPASSFILE=<it> psql ...} connects with a user's own
 * tools, and it never appears in a process argument, a log line or a message.
 */
final class ClusterSecret {

    /** In the data directory, beside PostgreSQL's own files. */
    static final String FILE_NAME = "migrate.pgpass";

    /** Every connection logs in with the password; a Unix socket is not even created. */
    static final List<String> HBA = List.of(
            "# Written by migrate-maven-plugin: every connection logs in with the password in " + FILE_NAME,
            "local all all scram-sha-256",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256",
            "local replication all scram-sha-256",
            "host replication all 127.0.0.1/32 scram-sha-256",
            "host replication all ::1/128 scram-sha-256");

    /**
     * PBKDF2 iterations of the stored SCRAM verifier, which every client pays on every connection: PostgreSQL's 4096
     * cost a build's first connection ~100 ms in a cold JVM (measured). Stretching protects guessable passwords; this
     * one is 192 random bits, and the verifier lives in the owner-only data directory beside the password itself.
     */
    private static final int ITERATIONS = 16;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PASSWORD_BYTES = 24;
    /** Nothing in a pgpass line needs escaping: the password is base64url, without {@code :} or {@code \}. */
    private static final String PGPASS_PREFIX = "*:*:*:" + EmbeddedServer.SUPERUSER + ":";

    private ClusterSecret() {}

    static String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Path file(Path dataDirectory) {
        return dataDirectory.resolve(FILE_NAME);
    }

    /** Writes the pgpass file (0600: {@link AtomicFile} writes through a temporary file only the owner can read). */
    static void write(Path dataDirectory, String password) throws IOException {
        AtomicFile.writeString(file(dataDirectory), PGPASS_PREFIX + password + "\n");
    }

    /** The cluster's password; empty when the cluster has none (made by an older plugin, with trust). */
    static Optional<String> read(Path dataDirectory) {
        try {
            String line = Files.readString(file(dataDirectory), StandardCharsets.UTF_8)
                    .strip();
            if (!line.startsWith(PGPASS_PREFIX) || line.length() == PGPASS_PREFIX.length()) {
                return Optional.empty();
            }
            return Optional.of(line.substring(PGPASS_PREFIX.length()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot read " + file(dataDirectory) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes a cluster that an older plugin created with trust authentication require a new password, while no server
     * runs on it: the superuser gets the password (only its SCRAM verifier reaches PostgreSQL, through the standard
     * input of single-user mode), pg_hba.conf asks for it, and the pgpass file is written last, so an interruption
     * anywhere leaves a cluster that is upgraded again.
     */
    static void require(Path binariesDirectory, Path dataDirectory) throws IOException {
        String password = newPassword();
        ClusterTemplate.runSingleUser(
                binariesDirectory,
                dataDirectory,
                EmbeddedServer.DEFAULT_DATABASE,
                setPassword(password),
                dataDirectory.resolveSibling(dataDirectory.getFileName() + ".upgrade.log"));
        writeHba(dataDirectory);
        write(dataDirectory, password);
    }

    /** The statement that gives the superuser {@code password}: only its SCRAM verifier, never the password itself. */
    static String setPassword(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "ALTER ROLE " + EmbeddedServer.SUPERUSER + " PASSWORD '"
                + PasswordUtil.encodeScramSha256(password.toCharArray(), ITERATIONS, salt) + "'\n";
    }

    static void writeHba(Path dataDirectory) throws IOException {
        AtomicFile.writeString(dataDirectory.resolve("pg_hba.conf"), String.join("\n", HBA) + "\n");
    }
}
