package dev.migrate.testing;

import dev.migrate.migration.MigrationSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The migration settings most tests need: one folder, Flyway's defaults, no target, the tests' class loader. */
public final class TestMigrations {

    private TestMigrations() {}

    /** The migrations in {@code directory}, with Flyway's defaults for everything else. */
    public static MigrationSettings in(Path directory) {
        return in(directory, TestMigrations.class.getClassLoader());
    }

    /** The migrations in {@code directory} with these placeholders and {@code <flyway>} settings. */
    public static MigrationSettings in(
            Path directory, Map<String, String> placeholders, Map<String, String> flywayProperties) {
        return new MigrationSettings(
                List.of("filesystem:" + directory),
                List.of(),
                placeholders,
                flywayProperties,
                null,
                TestMigrations.class.getClassLoader());
    }

    /** The migrations in {@code directory}, managing {@code schemas}: the first holds the history table. */
    public static MigrationSettings inSchemas(Path directory, String... schemas) {
        return new MigrationSettings(
                List.of("filesystem:" + directory),
                List.of(schemas),
                Map.of(),
                Map.of(),
                null,
                TestMigrations.class.getClassLoader());
    }

    /** The migrations in {@code directory}, with {@code classLoader} for {@code classpath:} and Java migrations. */
    public static MigrationSettings in(Path directory, ClassLoader classLoader) {
        return new MigrationSettings(
                List.of("filesystem:" + directory), List.of(), Map.of(), Map.of(), null, classLoader);
    }
}
