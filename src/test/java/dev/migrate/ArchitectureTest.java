package dev.migrate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.migrate.codegen.IndexedJavaGenerator;
import dev.migrate.codegen.JooqConfiguration;
import dev.migrate.migration.internals.FlywayInternals;

/**
 * The layering the code keeps, checked on the compiled main classes: the core speaks no Maven, each library's
 * internal API has one home, and no two packages depend on each other.
 */
@AnalyzeClasses(packages = "dev.migrate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The Mojos adapt Maven to the core; the core runs without Maven (the codegen worker, future callers). */
    @ArchTest
    static final ArchRule mavenOnlyInTheMavenLayer = noClasses()
            .that()
            .resideOutsideOfPackage("dev.migrate.maven..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.maven..", "org.eclipse.aether..", "org.codehaus.plexus..", "org.sonatype..");

    /** Flyway's internal API changes without notice: one class reads it, pinned by FlywayInternalsContractTest. */
    @ArchTest
    static final ArchRule flywayInternalsOnlyInFlywayInternals = noClasses()
            .that()
            .doNotBelongToAnyOf(FlywayInternals.class)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.flywaydb.core.internal..");

    /**
     * jOOQ's code generator and its meta model (not the {@code jaxb} configuration the POM's {@code <generator>} is
     * made of) are reached by the adapter that runs jOOQ's GenerationTool, the one that reads the configuration with
     * jOOQ's loader, and by the generator subclass that relies on JavaGenerator's protected members, which runs only
     * on the jOOQ it was written for.
     */
    @ArchTest
    static final ArchRule jooqCodegenOnlyInTheJooqAdapter = noClasses()
            .that()
            .doNotBelongToAnyOf(IndexedJavaGenerator.class, JooqConfiguration.class)
            // package-private, so named
            .and()
            .doNotHaveFullyQualifiedName("dev.migrate.codegen.JooqGenerator")
            .should()
            .dependOnClassesThat(DescribedPredicate.describe(
                    "are in org.jooq.codegen or org.jooq.meta (but not org.jooq.meta.jaxb)",
                    type -> type.getPackageName().startsWith("org.jooq.codegen")
                            || type.getPackageName().startsWith("org.jooq.meta")
                                    && !type.getPackageName().startsWith("org.jooq.meta.jaxb")));

    /** Packages form layers: a cycle between two of them means neither can change, or be understood, alone. */
    @ArchTest
    static final ArchRule noCyclesBetweenPackages =
            slices().matching("dev.migrate.(**)").should().beFreeOfCycles();
}
