package dev.migrate.codegen;

import dev.migrate.flyway.MigrationSettings;
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
 */
public record CodegenInputs(MigrationSettings migrations, CodegenSettings codegen, String pluginVersion,
        String postgresVersion, Path fingerprintFile) {

    static final String GENERATED = "generated";

    /** The fingerprint of the inputs only, without the generated files. */
    CodegenFingerprint inputFingerprint() {
        Map<String, String> flyway = new TreeMap<>(migrations.flywayProperties());
        flyway.put("(schemas)", String.join(",", migrations.schemas()));
        flyway.put("(target)", String.valueOf(migrations.target()));
        return CodegenFingerprint.builder()
                .migrations("migrations", migrations.locations(), migrations.classLoader())
                .map("placeholders", migrations.placeholders())
                .map("flyway", flyway)
                .text("generator", codegen.effectiveGenerator().toString())
                .text("versions", "migrate-maven-plugin " + pluginVersion + "\njOOQ " + JooqGenerator.jooqVersion()
                        + "\nPostgreSQL " + postgresVersion)
                .build();
    }

    /** The fingerprint of the inputs and of the files now in the output's target package. */
    CodegenFingerprint withGeneratedFiles(CodegenFingerprint inputs) {
        return inputs.withFiles(GENERATED, codegen.packageDirectory());
    }
}
