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

    /**
     * The port the embedded development database listens on, so that a SQL client can keep one connection setting.
     * Property: {@code migrate.postgres.port}. Default: {@code 0}, any free port.
     */
    private int port;

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }
}
