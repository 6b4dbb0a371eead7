package dev.migrate.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;

class CodegenSettingsTest {

    private static final Path PROJECT = Path.of("/work/project");

    @Test
    void withoutAGeneratorTheDefaultsApply() {
        Generator effective = effective(null);

        assertEquals(
                "org.jooq.meta.postgres.PostgresDatabase",
                effective.getDatabase().getName());
        assertEquals("public", effective.getDatabase().getInputSchema());
        assertEquals("flyway_schema_history", effective.getDatabase().getExcludes());
        assertEquals("com.example.shop.db", effective.getTarget().getPackageName());
        assertEquals(
                PROJECT.resolve("target/generated-sources/jooq").toString(),
                effective.getTarget().getDirectory());
    }

    @Test
    void severalSchemasBecomeSchemataAndTheFlywayTableIsExcluded() {
        CodegenSettings settings = new CodegenSettings(
                null,
                List.of("app", "audit"),
                "schema_version",
                PROJECT,
                Path.of("target/generated-sources/jooq"),
                "com.example");

        Database database = JooqConfiguration.effectiveGenerator(settings).getDatabase();

        assertTrue(
                database.getInputSchema() == null || database.getInputSchema().isBlank());
        assertEquals(
                List.of("app", "audit"),
                database.getSchemata().stream()
                        .map(SchemaMappingType::getInputSchema)
                        .toList());
        assertEquals("schema_version", database.getExcludes());
    }

    @Test
    void whatTheUserConfiguredStaysAndOnlyGapsAreFilled() {
        Generator effective = effective("<generator>"
                + "<database><includes>users|orders</includes>"
                + "<forcedTypes><forcedType><name>INSTANT</name><includeTypes>TIMESTAMPTZ</includeTypes></forcedType>"
                + "</forcedTypes></database>"
                + "<generate><pojos>true</pojos><daos>true</daos></generate>"
                + "<target><packageName>com.acme.schema</packageName><directory>src/generated/java</directory>"
                + "</target></generator>");

        assertEquals("users|orders", effective.getDatabase().getIncludes());
        assertEquals("INSTANT", effective.getDatabase().getForcedTypes().get(0).getName());
        assertEquals(Boolean.TRUE, effective.getGenerate().isDaos());
        assertEquals("com.acme.schema", effective.getTarget().getPackageName());
        assertEquals(
                PROJECT.resolve("src/generated/java").toString(),
                effective.getTarget().getDirectory());
        assertEquals(
                "org.jooq.meta.postgres.PostgresDatabase",
                effective.getDatabase().getName());
        assertEquals("public", effective.getDatabase().getInputSchema());
    }

    @Test
    void aPastedTargetWithoutPackageKeepsJooqsDefaultPackageAsJooqCodegenMavenWould() {
        Generator effective = effective("<generator><target></target></generator>");

        assertEquals("org.jooq.generated", effective.getTarget().getPackageName());
        assertEquals(
                PROJECT.resolve("target/generated-sources/jooq").toString(),
                effective.getTarget().getDirectory());
    }

    @Test
    void theDefaultsReadWithoutJooqAreJooqsOwn() {
        assertEquals(new Target().getDirectory(), CodegenSettings.JOOQ_DEFAULT_DIRECTORY);
        assertEquals(new Target().getPackageName(), CodegenSettings.JOOQ_DEFAULT_PACKAGE);
    }

    @Test
    void userExcludesAreNotExtended() {
        assertEquals(
                "audit_.*",
                effective("<generator><database><excludes>audit_.*</excludes></database></generator>")
                        .getDatabase()
                        .getExcludes());
    }

    @Test
    void eachEffectiveGeneratorIsANewObject() {
        CodegenSettings settings = settings("<generator><database><includes>users</includes></database></generator>");
        JooqConfiguration.effectiveGenerator(settings).getDatabase().setIncludes("changed");

        assertEquals(
                "users",
                JooqConfiguration.effectiveGenerator(settings).getDatabase().getIncludes());
    }

    @Test
    void theDefaultPackageIsAValidJavaPackage() {
        assertEquals("com.my_shop.db", CodegenSettings.defaultPackage("com.my-shop"));
        assertEquals("org._2fa.int_.db", CodegenSettings.defaultPackage("org.2fa.int"));
        assertEquals("io.acme.db", CodegenSettings.defaultPackage("IO.Acme"));
        assertEquals("generated.db", CodegenSettings.defaultPackage(""));
    }

    @Test
    void jooqsJavaGeneratorWithJooqsNamingRunsIndexedAndAnyOtherGeneratorOrStrategyAsConfigured() {
        String indexed = IndexedJavaGenerator.class.getName();
        assertEquals(indexed, effective(null).getName());
        assertEquals(indexed, effectiveName("<name>org.jooq.codegen.JavaGenerator</name>"));
        assertEquals(indexed, effectiveName("<strategy><matchers></matchers></strategy>"));

        assertEquals(
                "org.jooq.codegen.KotlinGenerator", effectiveName("<name>org.jooq.codegen.KotlinGenerator</name>"));
        assertEquals(
                "org.jooq.codegen.DefaultGenerator",
                effectiveName("<strategy><name>com.acme.NamingStrategy</name></strategy>"));
        assertEquals(
                "org.jooq.codegen.DefaultGenerator", effectiveName("<strategy><java>class S {}</java></strategy>"));
    }

    @Test
    void theIndexedGeneratorWasWrittenForTheJooqThePluginDeclares() {
        // the test class path holds the pom's jooq.version: bumping it fails here until WRITTEN_FOR_JOOQ follows
        assertEquals(IndexedJavaGenerator.WRITTEN_FOR_JOOQ, JooqGenerator.jooqVersion());
        assertEquals(Optional.empty(), JooqConfiguration.whyNotIndexed(settings(null), JooqGenerator.jooqVersion()));
    }

    @Test
    void anotherJooqThanTheOneTheIndexedGeneratorWasWrittenForRunsJooqsOwnGeneratorAndSaysWhy() {
        CodegenSettings settings = settings(null);

        assertEquals(
                "org.jooq.codegen.DefaultGenerator",
                JooqConfiguration.effectiveGenerator(settings, "3.20.1").getName());
        assertEquals(
                "jOOQ 3.20.1 runs, not " + IndexedJavaGenerator.WRITTEN_FOR_JOOQ + " that the plugin's faster"
                        + " generator was written for: generating with jOOQ's own JavaGenerator",
                JooqConfiguration.whyNotIndexed(settings, "3.20.1").orElseThrow());
        CodegenSettings configured = settings("<generator><name>org.jooq.codegen.JavaGenerator</name></generator>");
        assertEquals(
                "org.jooq.codegen.JavaGenerator",
                JooqConfiguration.effectiveGenerator(configured, "3.20.1").getName());
        // a generator of the user's was never going to be replaced: nothing to say
        assertEquals(
                Optional.empty(),
                JooqConfiguration.whyNotIndexed(
                        settings("<generator><name>org.jooq.codegen.KotlinGenerator</name></generator>"), "3.20.1"));
    }

    @Test
    void theOutputAndPackageDirectoriesAreThoseOfTheEffectiveGeneratorWithoutJooq() {
        List<String> generators = Arrays.asList(
                null,
                "<generator></generator>",
                "<generator><target></target></generator>",
                "<generator><target><packageName> com.acme.schema </packageName><directory>gen/jooq</directory>"
                        + "</target></generator>",
                "<generator><target><directory>" + CodegenSettings.JOOQ_DEFAULT_DIRECTORY + "</directory></target>"
                        + "</generator>",
                "<generator><target><directory>../elsewhere/</directory><![CDATA[ ]]></target></generator>");
        for (String generator : generators) {
            CodegenSettings settings = settings(generator);
            Target effective = JooqConfiguration.effectiveGenerator(settings).getTarget();

            assertEquals(Path.of(effective.getDirectory()), settings.outputDirectory(), generator);
            assertEquals(
                    Path.of(effective.getDirectory())
                            .resolve(effective.getPackageName().replace('.', '/')),
                    settings.packageDirectory(),
                    generator);
        }
    }

    @Test
    void cleanAndEncodingAreReadFromTheTargetWithoutJooq() {
        CodegenSettings plain = settings(null);
        CodegenSettings kept = settings(
                "<generator><target><clean>false</clean><encoding>ISO-8859-1</encoding>" + "</target></generator>");

        assertTrue(plain.removesStaleFiles());
        assertEquals(StandardCharsets.UTF_8, plain.encoding());
        assertFalse(kept.removesStaleFiles());
        assertEquals(StandardCharsets.ISO_8859_1, kept.encoding());
        Target effective = JooqConfiguration.effectiveGenerator(kept).getTarget();
        assertEquals(effective.isClean(), kept.removesStaleFiles());
        assertEquals(effective.getEncoding(), kept.encoding().name());
    }

    @Test
    void theDescriptionChangesWithEveryInputOfTheEffectiveGenerator() {
        String plain = settings(null).describe();

        assertEquals(plain, settings(null).describe());
        assertNotEquals(
                plain,
                settings("<generator><generate><pojos>true</pojos></generate></generator>")
                        .describe());
        assertNotEquals(
                plain,
                new CodegenSettings(
                                null,
                                List.of("sales"),
                                CodegenSettings.DEFAULT_HISTORY_TABLE,
                                PROJECT,
                                Path.of("target/generated-sources/jooq"),
                                "com.example.shop")
                        .describe());
        assertNotEquals(
                plain,
                new CodegenSettings(
                                null,
                                List.of(),
                                "history",
                                PROJECT,
                                Path.of("target/generated-sources/jooq"),
                                "com.example.shop")
                        .describe());
        assertNotEquals(
                plain,
                new CodegenSettings(
                                null,
                                List.of(),
                                CodegenSettings.DEFAULT_HISTORY_TABLE,
                                PROJECT,
                                Path.of("target/other"),
                                "com.example.shop")
                        .describe());
        assertNotEquals(
                plain,
                new CodegenSettings(
                                null,
                                List.of(),
                                CodegenSettings.DEFAULT_HISTORY_TABLE,
                                PROJECT,
                                Path.of("target/generated-sources/jooq"),
                                "com.example.other")
                        .describe());
    }

    @Test
    void eachPackageKeepsItsOwnFingerprintNamedAfterTheEffectivePackage() {
        assertEquals("codegen-com.example.shop.db.fingerprint", settings(null).fingerprintFileName());
        assertEquals(
                "codegen-com.example.audit.fingerprint",
                settings("<generator><target><packageName>com.example.audit</packageName></target></generator>")
                        .fingerprintFileName());
        assertEquals(
                "codegen-org.jooq.generated.fingerprint",
                settings("<generator><target><directory>target/audit</directory></target></generator>")
                        .fingerprintFileName(),
                "a <target> without a package is jOOQ's default package, as for jooq-codegen-maven");
    }

    private static Generator effective(String generator) {
        return JooqConfiguration.effectiveGenerator(settings(generator));
    }

    private static String effectiveName(String inGenerator) {
        return effective("<generator>" + inGenerator + "</generator>").getName();
    }

    private static CodegenSettings settings(String generator) {
        return new CodegenSettings(
                generator == null ? null : new GeneratorXml(generator),
                List.of(),
                CodegenSettings.DEFAULT_HISTORY_TABLE,
                PROJECT,
                Path.of("target/generated-sources/jooq"),
                "com.example.shop");
    }
}
