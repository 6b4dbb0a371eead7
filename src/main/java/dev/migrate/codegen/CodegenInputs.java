package dev.migrate.codegen;

import dev.migrate.codegen.incremental.CodegenFingerprint;
import dev.migrate.codegen.incremental.ContentDigests;
import dev.migrate.codegen.incremental.GeneratedSourcesCache;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.preload.LibraryLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Everything the generated classes depend on, and where their fingerprint is kept.
 *
 * @param migrations      the migrations and how Flyway applies them
 * @param codegen         what jOOQ generates and where
 * @param pluginVersion   this plugin's version
 * @param jooqVersion     the version of the jOOQ that generates, as the caller knows it without loading jOOQ
 * @param pluginArtifacts the plugin's class realm: its jar and {@code <plugin><dependencies>}, in the realm's order
 * @param postgresVersion the embedded PostgreSQL version the classes are generated with
 * @param fingerprintFile where the fingerprint of the last successful generation is kept
 * @param codegenJvm      where the Flyway and jOOQ work runs: in the build's JVM or in the warm codegen worker
 * @param sharedCache     the generated sources shared by every checkout on the machine; empty when turned off
 * @param libraries       makes Flyway, jOOQ, the driver and the project's dependencies loadable; called once the
 *                        classes are known to be stale, before any database starts
 */
public record CodegenInputs(
        MigrationSettings migrations,
        CodegenSettings codegen,
        String pluginVersion,
        String jooqVersion,
        List<PluginArtifact> pluginArtifacts,
        String postgresVersion,
        Path fingerprintFile,
        CodegenJvm codegenJvm,
        Optional<GeneratedSourcesCache> sharedCache,
        LibraryLoader libraries) {

    /** Inputs whose jOOQ, the one on this class path, runs in the build's JVM. */
    public CodegenInputs(
            MigrationSettings migrations,
            CodegenSettings codegen,
            String pluginVersion,
            String postgresVersion,
            Path fingerprintFile) {
        this(
                migrations,
                codegen,
                pluginVersion,
                JooqGenerator.jooqVersion(),
                List.of(),
                postgresVersion,
                fingerprintFile,
                CodegenJvm.IN_PROCESS,
                Optional.empty(),
                LibraryLoader.ON_CLASS_PATH);
    }

    static final String GENERATED = "generated";
    private static final String MIGRATIONS = "migrations";
    private static final String PLACEHOLDERS = "placeholders";
    private static final String FLYWAY = "flyway";
    /** The parts of the fingerprint that change the generated classes only through the schema they shape. */
    static final Set<String> SCHEMA_PARTS = Set.of(MIGRATIONS, PLACEHOLDERS, FLYWAY);

    /**
     * The fingerprint of the inputs only, without the generated files. The content digests of the migrations are
     * remembered next to the fingerprint, so that the next check reads only migrations that changed.
     */
    CodegenFingerprint inputFingerprint(BuildLog log) {
        return inputFingerprint(UnaryOperator.identity(), log);
    }

    /**
     * The key of the generated sources in the shared cache: the inputs' fingerprint with the checkout's directory
     * taken out of every path in it, so that every clone of the project on the machine finds the same entry.
     */
    String sharedCacheKey(BuildLog log) {
        return inputFingerprint(this::withoutCheckoutDirectory, log).digest();
    }

    private String withoutCheckoutDirectory(String text) {
        Path basedir = codegen.basedir();
        String asUrl = basedir.toUri().toString();
        return text.replace(asUrl.endsWith("/") ? asUrl.substring(0, asUrl.length() - 1) : asUrl, "${basedir}")
                .replace(basedir.toString(), "${basedir}");
    }

    /** {@code paths} maps every text that may hold a path before it is digested. */
    private CodegenFingerprint inputFingerprint(UnaryOperator<String> paths, BuildLog log) {
        Path digestsFile = fingerprintFile.resolveSibling(fingerprintFile.getFileName() + ".digests");
        ContentDigests contentDigests = ContentDigests.load(digestsFile, log);
        CodegenFingerprint fingerprint = schemaSettings(paths)
                .migrations(MIGRATIONS, migrations.parsedLocations(), migrations.classLoader(), contentDigests, paths)
                .text("generator", paths.apply(codegen.describe()))
                .described(
                        "versions",
                        "migrate-maven-plugin " + pluginVersion + "\njOOQ " + jooqVersion + "\nPostgreSQL "
                                + postgresVersion)
                .described(
                        "libraries",
                        String.join(
                                "\n",
                                pluginArtifacts.stream()
                                        .map(PluginArtifact::describe)
                                        .toList()))
                .build();
        contentDigests.save(log);
        return fingerprint;
    }

    /**
     * The key of a cached schema: what, besides the migrations themselves, makes the migrated schema what it is. The
     * migrations are compared by Flyway's validation instead, which tells new ones from changed ones.
     */
    String schemaCacheKey() {
        return schemaSettings(UnaryOperator.identity())
                .text("versions", "migrate-maven-plugin " + pluginVersion + "\nPostgreSQL " + postgresVersion)
                .build()
                .shortForm();
    }

    private CodegenFingerprint.Builder schemaSettings(UnaryOperator<String> paths) {
        Map<String, String> flyway = new TreeMap<>(migrations.flywayProperties());
        flyway.put("(schemas)", String.join(",", migrations.schemas()));
        flyway.put("(target)", String.valueOf(migrations.target()));
        Map<String, String> placeholders = new TreeMap<>(migrations.placeholders());
        flyway.replaceAll((name, value) -> value == null ? null : paths.apply(value));
        placeholders.replaceAll((name, value) -> value == null ? null : paths.apply(value));
        return CodegenFingerprint.builder().map(PLACEHOLDERS, placeholders).map(FLYWAY, flyway);
    }

    /** The fingerprint of the inputs and of the files now in the output's target package. */
    CodegenFingerprint withGeneratedFiles(CodegenFingerprint inputs) {
        return inputs.withFiles(GENERATED, codegen.packageDirectory());
    }
}
