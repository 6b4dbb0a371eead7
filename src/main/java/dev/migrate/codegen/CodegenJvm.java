package dev.migrate.codegen;

import dev.migrate.database.OpenDatabase;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.MigratedPrefix;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.migration.UpgradeResult;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.meta.jaxb.Configuration;

/**
 * Where the Flyway and jOOQ work of the jOOQ classes runs: in the build's own JVM, or in the warm codegen worker.
 * Both give the same results and the same failures.
 */
public interface CodegenJvm {

    /** The build's own JVM. */
    CodegenJvm IN_PROCESS = new CodegenJvm() {

        @Override
        public Optional<String> whyNotContinuable(OpenDatabase database, MigrationSettings migrations, BuildLog log) {
            return MigratedPrefix.whyNotContinuable(database, migrations, log);
        }

        @Override
        public UpgradeResult upgrade(OpenDatabase database, MigrationSettings migrations, BuildLog log) {
            return Migrator.upgrade(database, migrations, log);
        }

        @Override
        public String generate(
                DataSource dataSource, Configuration configuration, ClassLoader projectClassLoader, BuildLog log) {
            JooqGenerator.runInProcess(dataSource, configuration, projectClassLoader);
            return "";
        }
    };

    /** {@link MigratedPrefix#whyNotContinuable}. */
    Optional<String> whyNotContinuable(OpenDatabase database, MigrationSettings migrations, BuildLog log);

    /** {@link Migrator#upgrade}. */
    UpgradeResult upgrade(OpenDatabase database, MigrationSettings migrations, BuildLog log);

    /**
     * Runs jOOQ's {@code GenerationTool} on {@code configuration}, which names its target directory.
     *
     * @param projectClassLoader sees the project's classes and dependencies: custom generators, strategies and
     *                           converters named in {@code <generator>} may come from there
     * @return where it ran, for the log line: empty for the build's JVM
     */
    String generate(DataSource dataSource, Configuration configuration, ClassLoader projectClassLoader, BuildLog log);
}
