package dev.migrate.maven;

import dev.migrate.database.OpenDatabase;
import dev.migrate.database.ThrowawayDatabase;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.log.BuildLog;
import java.util.function.Supplier;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters of the goals that may start the embedded PostgreSQL. */
abstract class AbstractEmbeddedMojo extends AbstractMigrationsMojo {

    /**
     * The embedded PostgreSQL: {@code <postgres><version>17</version></postgres>} picks the major version (14 to 18,
     * default 17; {@code -Dmigrate.postgres.version}). Its binaries are resolved through Maven for this platform.
     *
     * @since 0.1.0
     */
    @Parameter
    private Postgres postgres;

    /**
     * How long, in seconds, a goal waits for another build that holds the embedded database it needs.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.LOCK_TIMEOUT, defaultValue = "300")
    private int lockTimeout;

    private EmbeddedSettings embeddedSettings;

    /** Resolved on first use only, and once: a goal that needs no embedded server resolves no binaries. */
    protected synchronized EmbeddedSettings embeddedSettings(MavenConfiguration maven) {
        if (embeddedSettings == null) {
            embeddedSettings = maven.embedded(postgres, lockTimeout);
        }
        return embeddedSettings;
    }

    /** The embedded PostgreSQL of another major version than the configured one, e.g. the major version of a server. */
    protected EmbeddedSettings embeddedSettings(MavenConfiguration maven, String majorVersion) {
        Postgres ofVersion = new Postgres();
        ofVersion.setVersion(majorVersion);
        return maven.embedded(ofVersion, lockTimeout);
    }

    /** Opens an empty throwaway database on the configured embedded PostgreSQL, deleted when it is closed. */
    protected Supplier<OpenDatabase> embeddedThrowaway(MavenConfiguration maven, BuildLog log) {
        return () -> new ThrowawayDatabase(null, () -> embeddedSettings(maven), maven.migrateDirectory()).open(log);
    }

    /** The configured version of the embedded PostgreSQL, {@code null} for the default. */
    protected String postgresVersion(MavenConfiguration maven) {
        return maven.postgresVersion(postgres);
    }
}
