package dev.migrate.codegen;

import dev.migrate.codegen.incremental.CodegenFingerprint;
import dev.migrate.codegen.incremental.ContentDigests;
import dev.migrate.log.BuildLog;
import dev.migrate.migration.MigrationSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the generated classes depend on, and where their fingerprint is kept.
 *
 * @param migrations      the migrations and how Flyway applies them
 * @param codegen         what jOOQ generates and where
 * @param pluginVersion   this plugin's version
 * @param postgresVersion the embedded PostgreSQL version the classes are generated with
 * @param fingerprintFile where the fingerprint of the last successful generation is kept
 * @param codegenJvm      where the Flyway and jOOQ work runs: in the build's JVM or in the warm codegen worker
 */
public record CodegenInputs(
        MigrationSettings migrations,
        CodegenSettings codegen,
        String pluginVersion,
        String postgresVersion,
        Path fingerprintFile,
        CodegenJvm codegenJvm) {

    /** Inputs whose jOOQ runs in the build's JVM. */
    public CodegenInputs(
            MigrationSettings migrations,
            CodegenSettings codegen,
            String pluginVersion,
            String postgresVersion,
            Path fingerprintFile) {
        this(migrations, codegen, pluginVersion, postgresVersion, fingerprintFile, CodegenJvm.IN_PROCESS);
    }

    static final String GENERATED = "generated";

    /**
     * The fingerprint of the inputs only, without the generated files. The content digests of the migrations are
     * remembered next to the fingerprint, so that the next check reads only migrations that changed.
     */
    CodegenFingerprint inputFingerprint(BuildLog log) {
        Path digestsFile = fingerprintFile.resolveSibling(fingerprintFile.getFileName() + ".digests");
        ContentDigests contentDigests = ContentDigests.load(digestsFile, log);
        CodegenFingerprint fingerprint = schemaSettings()
                .migrations("migrations", migrations.parsedLocations(), migrations.classLoader(), contentDigests)
                .text("generator", codegen.describe())
                .described(
                        "versions",
                        "migrate-maven-plugin " + pluginVersion + "\njOOQ " + JooqGenerator.jooqVersion()
                                + "\nPostgreSQL " + postgresVersion)
                .build();
        contentDigests.save(log);
        return fingerprint;
    }

    /**
     * The key of a cached schema: what, besides the migrations themselves, makes the migrated schema what it is. The
     * migrations are compared by Flyway's validation instead, which tells new ones from changed ones.
     */
    String schemaCacheKey() {
        return schemaSettings()
                .text("versions", "migrate-maven-plugin " + pluginVersion + "\nPostgreSQL " + postgresVersion)
                .build()
                .shortForm();
    }

    private CodegenFingerprint.Builder schemaSettings() {
        Map<String, String> flyway = new TreeMap<>(migrations.flywayProperties());
        flyway.put("(schemas)", String.join(",", migrations.schemas()));
        flyway.put("(target)", String.valueOf(migrations.target()));
        return CodegenFingerprint.builder()
                .map("placeholders", migrations.placeholders())
                .map("flyway", flyway);
    }

    /** The fingerprint of the inputs and of the files now in the output's target package. */
    CodegenFingerprint withGeneratedFiles(CodegenFingerprint inputs) {
        return inputs.withFiles(GENERATED, codegen.packageDirectory());
    }
}
