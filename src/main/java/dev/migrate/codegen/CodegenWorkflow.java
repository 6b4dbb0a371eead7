package dev.migrate.codegen;

import dev.migrate.codegen.incremental.CatalogDigest;
import dev.migrate.codegen.incremental.CodegenFingerprint;
import dev.migrate.codegen.incremental.SchemaCache;
import dev.migrate.database.OpenDatabase;
import dev.migrate.database.ThrowawayDatabase;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.UpgradeResult;
import java.util.Optional;

/**
 * The jOOQ classes of {@code migrate:generate} and {@code migrate:upgrade}: decide from the fingerprint whether they
 * are up to date before any database starts, reading files only and loading no Flyway class; otherwise migrate a
 * database (the module's cached schema, or a throwaway one), generate from it, and only then record the new
 * fingerprint.
 */
public final class CodegenWorkflow {

    private static final int SHORT_DIGEST = 12;

    private CodegenWorkflow() {}

    /** {@code migrate:generate} with {@code <codegenUrl>}: generates from a throwaway database unless up to date. */
    public static void generate(CodegenInputs inputs, ThrowawayDatabase throwaway, boolean force, BuildLog log) {
        Check check = check(inputs, force, log);
        if (check.staleBecause().isPresent()) {
            restoreOrGenerate(inputs, check, force, log, () -> {
                log.info("Generating jOOQ classes: " + check.staleBecause().get());
                inputs.codegenJvm().preload();
                generateOnThrowaway(inputs, check, throwaway, log);
            });
        }
    }

    /**
     * {@code migrate:generate} on the embedded server: unless the classes are up to date, brings the module's cached
     * schema up to date, applying only the new migrations when the cache holds a prefix of them (Flyway's validation
     * decides) and all of them otherwise, and generates from it. When another build is using the cache, generates
     * from {@code fallback} instead. Either way, classes another checkout generated from the same inputs are restored
     * from the shared cache instead, when it holds them.
     */
    public static void generateCached(
            CodegenInputs inputs,
            SchemaCache.Location cacheLocation,
            ThrowawayDatabase fallback,
            boolean force,
            BuildLog log) {
        Check check = check(inputs, force, log);
        if (check.staleBecause().isPresent()) {
            restoreOrGenerate(
                    inputs, check, force, log, () -> generateOnCache(inputs, check, cacheLocation, fallback, log));
        }
    }

    /**
     * Restores the classes from the cache shared by every checkout on the machine, unless {@code force}; otherwise
     * runs {@code generation} and stores what it generated there.
     */
    private static void restoreOrGenerate(
            CodegenInputs inputs, Check check, boolean force, BuildLog log, Runnable generation) {
        Optional<SharedSources> shared = SharedSources.of(inputs, log);
        if (!force && shared.isPresent() && shared.get().restore(check.inputs(), log)) {
            // an entry of these inputs was generated, with the same Flyway settings, which Flyway accepted then
            return;
        }
        inputs.libraries().load();
        // a setting Flyway refuses fails here, before a database starts, as it did when the history table's name
        // was read from Flyway's configuration
        FlywayFactory.checkFlywaySettings(inputs.migrations());
        generation.run();
        shared.ifPresent(sources -> sources.store(force, log));
    }

    private static void generateOnCache(
            CodegenInputs inputs,
            Check check,
            SchemaCache.Location cacheLocation,
            ThrowawayDatabase fallback,
            BuildLog log) {
        log.info("Generating jOOQ classes: " + check.staleBecause().get());
        CodegenFingerprint filesInPlace = inputs.withGeneratedFiles(check.inputs());
        String catalogInPlace = keepableForItsCatalog(check.keepable(), filesInPlace)
                ? check.keepable().get().catalog().get()
                : null;
        Optional<CachedGeneration.Result> done;
        try (JooqGenerator.Staging staging = new JooqGenerator.Staging(inputs.codegen())) {
            done = inputs.codegenJvm()
                    .generateOnCachedSchema(
                            new CachedGeneration(
                                    cacheLocation.embedded().get(),
                                    cacheLocation.directory(),
                                    cacheLocation.entry(inputs.schemaCacheKey()),
                                    inputs.migrations(),
                                    catalogInPlace,
                                    staging.run()),
                            log);
            if (done.isPresent() && done.get().generated()) {
                staging.replaceOutput(done.get().generationMillis(), done.get().where(), log);
            }
        }
        if (done.isEmpty()) {
            generateOnThrowaway(inputs, check, fallback, log);
        } else if (done.get().generated()) {
            recordGenerated(inputs, check.inputs(), done.get().catalog());
        } else {
            // the files are those just listed: no second walk of the generated sources
            filesInPlace.withCatalog(done.get().catalog()).write(inputs.fingerprintFile());
        }
    }

    private static void generateOnThrowaway(
            CodegenInputs inputs, Check check, ThrowawayDatabase throwaway, BuildLog log) {
        long started = System.nanoTime();
        try (OpenDatabase database = throwaway.open(log)) {
            migrate(database, inputs, started, log);
            generateAndRecord(database, inputs, check.inputs(), check.keepable(), log);
        }
    }

    private static void migrate(OpenDatabase database, CodegenInputs inputs, long started, BuildLog log) {
        long migrating = System.nanoTime();
        UpgradeResult migrated = inputs.codegenJvm().upgrade(database, inputs.migrations(), log.infoAsDebug());
        logMigrated(database, migrated, started, migrating, log);
    }

    static void logMigrated(OpenDatabase database, UpgradeResult migrated, long started, long migrating, BuildLog log) {
        log.info("Migrated " + database.displayName() + " to version " + migrated.toVersion() + ": "
                + migrated.applied() + (migrated.applied() == 1 ? " migration" : " migrations") + " in "
                + millisSince(migrating) + " ms (database ready in " + (migrating - started) / 1_000_000 + " ms)");
    }

    /**
     * {@code migrate:upgrade}: regenerates from the database it just migrated, unless it applied nothing and the
     * classes are up to date. The fingerprint is recorded only when that database is at the latest version, because
     * only then do the classes match the migrations.
     */
    public static void regenerate(OpenDatabase database, CodegenInputs inputs, UpgradeResult upgraded, BuildLog log) {
        if (inputs.migrations().target() != null) {
            CodegenFingerprint.delete(inputs.fingerprintFile());
            runJooq(database, inputs, log);
        } else if (upgraded.applied() > 0) {
            // the database changed: the classes follow its catalog, whatever the fingerprint says
            generateAndRecord(
                    database,
                    inputs,
                    inputs.inputFingerprint(log),
                    CodegenFingerprint.read(inputs.fingerprintFile(), log),
                    log);
        } else {
            Check check = check(inputs, false, log);
            if (check.staleBecause().isPresent()) {
                generateAndRecord(database, inputs, check.inputs(), check.keepable(), log);
            }
        }
    }

    /**
     * The fingerprint of the inputs as they are before anything is generated (recorded after a successful
     * generation), why the classes must be generated (empty when they are up to date), and the fingerprint of the
     * classes in place, unless the user asked to generate them anew.
     */
    private record Check(
            CodegenFingerprint inputs, Optional<String> staleBecause, Optional<CodegenFingerprint> keepable) {}

    /** Reads files only: no database, no binaries. An up-to-date result is said in one line. */
    private static Check check(CodegenInputs inputs, boolean force, BuildLog log) {
        long checking = System.nanoTime();
        CodegenFingerprint inputFingerprint = inputs.inputFingerprint(log);
        CodegenFingerprint current = inputs.withGeneratedFiles(inputFingerprint);
        Optional<CodegenFingerprint> stored = CodegenFingerprint.read(inputs.fingerprintFile(), log);
        if (!force && stored.isPresent() && stored.get().equals(current)) {
            log.info("jOOQ classes are up to date (fingerprint " + current.shortForm() + ", checked in "
                    + millisSince(checking) + " ms), nothing to generate");
            return new Check(inputFingerprint, Optional.empty(), stored);
        }
        return new Check(
                inputFingerprint, Optional.of(reason(force, stored, current)), force ? Optional.empty() : stored);
    }

    /**
     * Generates from {@code database} and records the fingerprint with the catalog generated from; unless the classes
     * in place, as {@code inPlace} records them, were generated from the same catalog with the same generator, in
     * which case only the fingerprint changes: a migration that adds rows costs no jOOQ run.
     */
    private static void generateAndRecord(
            OpenDatabase database,
            CodegenInputs inputs,
            CodegenFingerprint inputsBefore,
            Optional<CodegenFingerprint> inPlace,
            BuildLog log) {
        CodegenFingerprint filesInPlace = inputs.withGeneratedFiles(inputsBefore);
        if (!keepableForItsCatalog(inPlace, filesInPlace)) {
            String catalog = CatalogDigest.readWhile(database.dataSource(), () -> runJooq(database, inputs, log));
            recordGenerated(inputs, inputsBefore, catalog);
            return;
        }
        long reading = System.nanoTime();
        String catalog =
                inputs.codegenJvm().catalogDigest(database, inputs.migrations().classLoader(), log);
        if (inPlace.get().catalog().equals(Optional.of(catalog))) {
            logKept(catalog, millisSince(reading), log);
            // the files are those just listed: no second walk of the generated sources
            filesInPlace.withCatalog(catalog).write(inputs.fingerprintFile());
        } else {
            runJooq(database, inputs, log);
            recordGenerated(inputs, inputsBefore, catalog);
        }
    }

    /**
     * Records the fingerprint of the classes just generated from {@code catalog}, with the inputs as they were before
     * the generation: inputs changed meanwhile make the next build generate again.
     */
    private static void recordGenerated(CodegenInputs inputs, CodegenFingerprint inputsBefore, String catalog) {
        inputs.withGeneratedFiles(inputsBefore).withCatalog(catalog).write(inputs.fingerprintFile());
    }

    static void logKept(String catalog, long readMillis, BuildLog log) {
        log.info("jOOQ classes are up to date: the migrations changed nothing jOOQ reads (catalog "
                + catalog.substring(0, SHORT_DIGEST) + " compared in " + readMillis + " ms)");
    }

    private static void runJooq(OpenDatabase database, CodegenInputs inputs, BuildLog log) {
        JooqGenerator.generate(
                database.dataSource(), inputs.codegen(), inputs.migrations().classLoader(), inputs.codegenJvm(), log);
    }

    /**
     * Whether the classes in place, untouched since, may be kept if the catalog is the one they were generated from:
     * they were generated by the same generator, their fingerprint differing from the {@code current} one only in
     * what shapes the schema.
     */
    private static boolean keepableForItsCatalog(Optional<CodegenFingerprint> inPlace, CodegenFingerprint current) {
        return inPlace.filter(stored -> stored.catalog().isPresent())
                .filter(stored -> CodegenInputs.SCHEMA_PARTS.containsAll(current.differencesFrom(stored)))
                .isPresent();
    }

    private static String reason(boolean force, Optional<CodegenFingerprint> stored, CodegenFingerprint current) {
        if (force) {
            return "forced";
        }
        if (stored.isEmpty()) {
            return "no fingerprint of an earlier generation";
        }
        return String.join(", ", current.describeChangesFrom(stored.get()));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
