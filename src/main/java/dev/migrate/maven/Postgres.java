package dev.migrate.maven;

/**
 * The {@code <postgres>} parameter: how to run the embedded PostgreSQL.
 *
 * @since 0.1.0
 */
public class Postgres {

    /**
     * The PostgreSQL major version (14 to 18), or a full version of the zonky binaries such as {@code 17.6.0}.
     * Property: {@code migrate.postgres.version}. Default: {@code 17}.
     */
    private String version;

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }
}
