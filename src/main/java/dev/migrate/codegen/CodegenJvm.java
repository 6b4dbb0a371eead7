package dev.migrate.codegen;

import dev.migrate.codegen.incremental.CatalogDigest;
import dev.migrate.database.OpenDatabase;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.migration.UpgradeResult;
import dev.migrate.preload.ClassPreload;
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
        public Optional<CachedGeneration.Result> generateOnCachedSchema(CachedGeneration generation, BuildLog log) {
            preload(); // while the build server starts
            return generation.run(log);
        }

        @Override
        public UpgradeResult upgrade(OpenDatabase database, MigrationSettings migrations, BuildLog log) {
            return Migrator.upgrade(database, migrations, log);
        }

        @Override
        public String generate(DataSource dataSource, JooqRun run, ClassLoader projectClassLoader, BuildLog log) {
            JooqGenerator.runInProcess(dataSource, JooqConfiguration.Parsing.onDemand(run), projectClassLoader, log);
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
     * {@link CachedGeneration#run}: one piece of work, so that the worker leases the build server, migrates the cached
     * schema, and keeps or generates the classes in one exchange, the build's JVM connecting to no database. Empty
     * when another build is using the build server's cluster.
     */
    Optional<CachedGeneration.Result> generateOnCachedSchema(CachedGeneration generation, BuildLog log);

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
