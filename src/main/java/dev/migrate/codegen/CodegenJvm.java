package dev.migrate.codegen;

import dev.migrate.codegen.incremental.CatalogDigest;
import dev.migrate.database.OpenDatabase;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.MigratedPrefix;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.migration.UpgradeResult;
import dev.migrate.preload.ClassPreload;
import java.io.Serializable;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where the Flyway and jOOQ work of the jOOQ classes runs: in the build's own JVM, or in the warm codegen worker.
 * Both give the same results and the same failures.
 */
public interface CodegenJvm {

    /** The build's own JVM. */
    CodegenJvm IN_PROCESS = new CodegenJvm() {

        @Override
        public void preload() {
            ClassPreload.start(CodegenJvm.class.getClassLoader(), ClassPreload.ALL);
        }

        @Override
        public Continuation continueUpgrade(OpenDatabase database, MigrationSettings migrations, BuildLog log) {
            Optional<String> whyNot = MigratedPrefix.whyNotContinuable(database, migrations, log);
            return whyNot.isPresent()
                    ? new Continuation(whyNot.get(), null)
                    : new Continuation(null, Migrator.upgrade(database, migrations, log));
        }

        @Override
        public UpgradeResult upgrade(OpenDatabase database, MigrationSettings migrations, BuildLog log) {
            return Migrator.upgrade(database, migrations, log);
        }

        @Override
        public String generate(DataSource dataSource, JooqRun run, ClassLoader projectClassLoader, BuildLog log) {
            JooqGenerator.runInProcess(dataSource, run, projectClassLoader, log);
            return "";
        }

        @Override
        public String catalogDigest(OpenDatabase database, ClassLoader projectClassLoader, BuildLog log) {
            return CatalogDigest.of(database.dataSource());
        }
    };

    /**
     * Starts loading, in the background, the classes of the work this JVM is about to do, so that they are there
     * when the database it waits for is ready; returns at once.
     */
    void preload();

    /**
     * Applies the pending migrations to a database that an earlier build migrated, if it holds a prefix of them
     * ({@link MigratedPrefix#whyNotContinuable}); otherwise changes nothing and says why it cannot. One piece of work,
     * so that the worker decides and migrates in one exchange.
     */
    Continuation continueUpgrade(OpenDatabase database, MigrationSettings migrations, BuildLog log);

    /** What {@link #continueUpgrade} did: applied the pending migrations, or nothing because of {@code whyNot}. */
    record Continuation(String whyNot, UpgradeResult upgraded) implements Serializable {

        /** Why the database must be migrated from scratch; empty when the pending migrations were applied. */
        public Optional<String> whyNotContinued() {
            return Optional.ofNullable(whyNot);
        }
    }

    /** {@link Migrator#upgrade}. */
    UpgradeResult upgrade(OpenDatabase database, MigrationSettings migrations, BuildLog log);

    /**
     * Runs jOOQ's {@code GenerationTool} on {@code run}, which names its target directory: its XML is parsed and
     * checked against jOOQ's schema where jOOQ runs.
     *
     * @param projectClassLoader sees the project's classes and dependencies: custom generators, strategies and
     *                           converters named in {@code <generator>} may come from there
     * @return where it ran, for the log line: empty for the build's JVM
     */
    String generate(DataSource dataSource, JooqRun run, ClassLoader projectClassLoader, BuildLog log);

    /** {@link CatalogDigest#of}: the digest of the catalog jOOQ reads in {@code database}. */
    String catalogDigest(OpenDatabase database, ClassLoader projectClassLoader, BuildLog log);
}
