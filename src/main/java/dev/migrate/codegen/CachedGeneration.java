package dev.migrate.codegen;

import dev.migrate.codegen.incremental.CatalogDigest;
import dev.migrate.codegen.incremental.SchemaCache;
import dev.migrate.embedded.EmbeddedSettings;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.MigrationSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One module's generation on its cached schema, as one piece of work in the JVM that does the build's Flyway and jOOQ
 * work: lease the build server, bring the module's cached schema up to date, then keep the classes in place when the
 * catalog is the one they were generated from, or run jOOQ into a staging directory. In the codegen worker, the build
 * server is the worker's and outlives the build, so that the next build finds it running, its backends warm.
 *
 * @param embedded       how to run the build server
 * @param directory      the top-level project's {@code target/migrate}, which holds the build server's cluster
 * @param entry          the module's cached schema
 * @param migrations     the module's migrations; their class loader is the project's, which jOOQ sees too
 * @param catalogInPlace the digest of the catalog the classes in place were generated from, when they may be kept for
 *                       it; null otherwise
 * @param run            jOOQ's run, into a staging directory
 */
public record CachedGeneration(
        EmbeddedSettings embedded,
        Path directory,
        SchemaCache.Entry entry,
        MigrationSettings migrations,
        String catalogInPlace,
        JooqRun run) {

    /**
     * What the generation did.
     *
     * @param generated        whether jOOQ ran: the staging directory holds its classes
     * @param catalog          the digest of the catalog the classes are now generated from
     * @param generationMillis how long jOOQ took
     * @param where            where it ran, for the log line: empty for the build's JVM
     */
    public record Result(boolean generated, String catalog, long generationMillis, String where)
            implements Serializable {

        /** This result, of a generation that ran {@code elsewhere}. */
        public Result in(String elsewhere) {
            return new Result(generated, catalog, generationMillis, elsewhere);
        }
    }

    /** Does it in this JVM; empty, having done nothing, when another build is using the build server's cluster. */
    public Optional<Result> run(BuildLog log) {
        long started = System.nanoTime();
        // without classes that the catalog might keep, jOOQ runs: its configuration is read while the server starts
        JooqConfiguration.Parsing configuration =
                catalogInPlace == null ? JooqConfiguration.Parsing.ahead(run) : JooqConfiguration.Parsing.onDemand(run);
        Optional<SchemaCache> opened = SchemaCache.open(embedded, directory, entry, log);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (SchemaCache cache = opened.get()) {
            long migrating = System.nanoTime();
            SchemaCache.Upgraded upgraded = cache.upgrade(migrations, catalogInPlace != null, log);
            CodegenWorkflow.logMigrated(cache.database(), upgraded.upgraded(), started, migrating, log);
            if (upgraded.catalog() != null && upgraded.catalog().equals(catalogInPlace)) {
                CodegenWorkflow.logKept(upgraded.catalog(), upgraded.catalogMillis(), log);
                return Optional.of(new Result(false, upgraded.catalog(), 0, ""));
            }
            long generating = System.nanoTime();
            DataSource schema = cache.database().dataSource();
            Runnable jooq = () -> JooqGenerator.runInProcess(schema, configuration, migrations.classLoader(), log);
            String catalog;
            if (upgraded.catalog() == null) {
                catalog = CatalogDigest.readWhile(schema, jooq);
            } else {
                jooq.run();
                catalog = upgraded.catalog();
            }
            return Optional.of(new Result(true, catalog, (System.nanoTime() - generating) / 1_000_000, ""));
        }
    }
}
