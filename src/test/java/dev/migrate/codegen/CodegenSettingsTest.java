package dev.migrate.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Matchers;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Strategy;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;

class CodegenSettingsTest {

    private static final Path PROJECT = Path.of("/work/project");

    @Test
    void withoutAGeneratorTheDefaultsApply() {
        Generator effective = settings(null, List.of()).effectiveGenerator();

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

        Database database = settings.effectiveGenerator().getDatabase();

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
        Generator user = new Generator()
                .withDatabase(new Database()
                        .withIncludes("users|orders")
                        .withForcedTypes(new ForcedType().withName("INSTANT").withIncludeTypes("TIMESTAMPTZ")))
                .withGenerate(new Generate().withPojos(true).withDaos(true))
                .withTarget(new Target().withPackageName("com.acme.schema").withDirectory("src/generated/java"));

        Generator effective = settings(user, List.of()).effectiveGenerator();

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
        Generator user = new Generator().withTarget(new Target());

        Generator effective = settings(user, List.of()).effectiveGenerator();

        assertEquals("org.jooq.generated", effective.getTarget().getPackageName());
        assertEquals(
                PROJECT.resolve("target/generated-sources/jooq").toString(),
                effective.getTarget().getDirectory());
    }

    @Test
    void userExcludesAreNotExtended() {
        Generator user = new Generator().withDatabase(new Database().withExcludes("audit_.*"));

        assertEquals(
                "audit_.*",
                settings(user, List.of()).effectiveGenerator().getDatabase().getExcludes());
    }

    @Test
    void theUsersObjectIsNeverModified() {
        Generator user = new Generator().withDatabase(new Database().withIncludes("users"));
        String before = user.toString();

        CodegenSettings settings = settings(user, List.of());
        settings.effectiveGenerator().getDatabase().setIncludes("changed");
        settings.effectiveGenerator();

        assertEquals(before, user.toString());
        assertNull(user.getTarget());
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
        assertEquals(indexed, settings(null, List.of()).effectiveGenerator().getName());
        assertEquals(indexed, effectiveName(new Generator().withName("org.jooq.codegen.JavaGenerator")));
        assertEquals(indexed, effectiveName(new Generator().withStrategy(new Strategy().withMatchers(new Matchers()))));

        assertEquals(
                "org.jooq.codegen.KotlinGenerator",
                effectiveName(new Generator().withName("org.jooq.codegen.KotlinGenerator")));
        assertEquals(
                "org.jooq.codegen.DefaultGenerator",
                effectiveName(new Generator().withStrategy(new Strategy().withName("com.acme.NamingStrategy"))));
        assertEquals(
                "org.jooq.codegen.DefaultGenerator",
                effectiveName(new Generator().withStrategy(new Strategy().withJava("class S {}"))));
    }

    @Test
    void theIndexedGeneratorWasWrittenForTheJooqThePluginDeclares() {
        // the test class path holds the pom's jooq.version: bumping it fails here until WRITTEN_FOR_JOOQ follows
        assertEquals(IndexedJavaGenerator.WRITTEN_FOR_JOOQ, JooqGenerator.jooqVersion());
        assertEquals(Optional.empty(), settings(null, List.of()).whyNotIndexed(JooqGenerator.jooqVersion()));
    }

    @Test
    void anotherJooqThanTheOneTheIndexedGeneratorWasWrittenForRunsJooqsOwnGeneratorAndSaysWhy() {
        CodegenSettings settings = settings(null, List.of());

        assertEquals(
                "org.jooq.codegen.DefaultGenerator",
                settings.effectiveGenerator("3.20.1").getName());
        assertEquals(
                "jOOQ 3.20.1 runs, not " + IndexedJavaGenerator.WRITTEN_FOR_JOOQ + " that the plugin's faster"
                        + " generator was written for: generating with jOOQ's own JavaGenerator",
                settings.whyNotIndexed("3.20.1").orElseThrow());
        Generator configured = new Generator().withName("org.jooq.codegen.JavaGenerator");
        assertEquals(
                "org.jooq.codegen.JavaGenerator",
                settings(configured, List.of()).effectiveGenerator("3.20.1").getName());
        // a generator of the user's was never going to be replaced: nothing to say
        assertEquals(
                Optional.empty(),
                settings(new Generator().withName("org.jooq.codegen.KotlinGenerator"), List.of())
                        .whyNotIndexed("3.20.1"));
    }

    private static String effectiveName(Generator generator) {
        return settings(generator, List.of()).effectiveGenerator().getName();
    }

    @Test
    void theOutputAndPackageDirectoriesAreThoseOfTheEffectiveGeneratorWithoutComputingIt() {
        List<Generator> generators = java.util.Arrays.asList(
                null,
                new Generator(),
                new Generator().withTarget(new Target()),
                new Generator()
                        .withTarget(
                                new Target().withPackageName("com.acme.schema").withDirectory("gen/jooq")),
                new Generator().withTarget(new Target().withDirectory(new Target().getDirectory())));
        for (Generator generator : generators) {
            CodegenSettings settings = settings(generator, List.of());
            Target effective = settings.effectiveGenerator().getTarget();

            assertEquals(Path.of(effective.getDirectory()), settings.outputDirectory(), String.valueOf(generator));
            assertEquals(
                    Path.of(effective.getDirectory())
                            .resolve(effective.getPackageName().replace('.', '/')),
                    settings.packageDirectory(),
                    String.valueOf(generator));
        }
    }

    @Test
    void theDescriptionChangesWithEveryInputOfTheEffectiveGenerator() {
        String plain = settings(null, List.of()).describe();

        assertEquals(plain, settings(null, List.of()).describe());
        assertNotEquals(
                plain,
                settings(new Generator().withGenerate(new Generate().withPojos(true)), List.of())
                        .describe());
        assertNotEquals(plain, settings(null, List.of("sales")).describe());
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

    private static CodegenSettings settings(Generator generator, List<String> schemas) {
        return new CodegenSettings(
                generator,
                schemas,
                CodegenSettings.DEFAULT_HISTORY_TABLE,
                PROJECT,
                Path.of("target/generated-sources/jooq"),
                "com.example.shop");
    }
}
