package dev.migrate.embedded;

import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A data source for an embedded server this plugin started, which knows the cluster's password file: another JVM of the
 * same user (the codegen worker) is told where that file is, never the password, and reads it itself.
 */
public final class EmbeddedDataSource extends PGSimpleDataSource {

    private static final long serialVersionUID = 1L;

    /** A string, as the data source is serializable. */
    private final String passwordFile;

    EmbeddedDataSource(Path passwordFile) {
        this.passwordFile = passwordFile.toString();
    }

    /** The pgpass file that holds the password, readable by its owner only. */
    public Path passwordFile() {
        return Path.of(passwordFile);
    }

    /** The password in {@code passwordFile}, for a process of the same user that was given its path. */
    public static String password(Path passwordFile) {
        return ClusterSecret.read(passwordFile.getParent())
                .orElseThrow(() -> new IllegalStateException("No password in " + passwordFile));
    }
}
