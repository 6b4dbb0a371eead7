package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.check.StaticChecks;
import dev.migrate.testing.TestMigrations;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate:lint} as Maven builds it from a POM, through {@code execute()}: the {@code <lint>} parameter reaches
 * the core, a bad level fails the build naming the parameter and the valid values, and the skip. The lint of a
 * hazard on a real PostgreSQL is LintRunTest's, and the IT lint-findings's through real Maven.
 */
@MojoTest
class LintMojoTest {

    @TempDir
    Path migrations;

    private final List<String> info = new ArrayList<>();

    @Test
    @InjectMojo(goal = "lint", pom = "src/test/resources/unit/lint/pom.xml")
    void anUnknownLevelInThePomFailsTheBuildNamingTheParameterTheRuleAndTheLevels(LintMojo mojo) throws Exception {
        prepare(mojo);

        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals(
                "The level of the lint rule index-not-concurrent is 'loud'; give off, warning or error.\n"
                        + "Set it in <lint><rules><index-not-concurrent>off|warning|error</index-not-concurrent>"
                        + "</rules></lint> or with -Dmigrate.lint.rules.index-not-concurrent=off|warning|error.",
                failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "lint", pom = "src/test/resources/unit/minimal/pom.xml")
    void releasedMigrationsAloneAreNotLintedAndTheSummarySaysSo(LintMojo mojo) throws Exception {
        prepare(mojo);
        Files.writeString(migrations.resolve("V1__create_orders.sql"), "CREATE TABLE orders (id INT);\n");
        StaticChecks.updateLock(TestMigrations.in(migrations), suggestion -> "");

        mojo.execute();

        assertEquals(
                List.of(
                        "Linting 0 of 1 migrations: the migrations not in migrations.lock.",
                        "Lint: 0 errors, 0 warnings in 0 migrations (0 suppressed)"),
                info);
        assertTrue(Files.isRegularFile(Path.of(MojoExtension.getBasedir(), "target/migrate/lint.sarif")));
    }

    @Test
    @InjectMojo(goal = "check", pom = "src/test/resources/unit/minimal/pom.xml")
    @MojoParameter(name = "checkLint", value = "true")
    void checkWithCheckLintRunsTheLintAndListsItsRulesInItsReport(CheckMojo mojo) throws Exception {
        prepare(mojo);
        Path reports = migrations.resolve("reports");
        MojoExtension.setVariableValueToObject(mojo, "reports", reports.toFile());
        Files.writeString(migrations.resolve("V1__create_orders.sql"), "CREATE TABLE orders (id INT);\n");
        StaticChecks.updateLock(TestMigrations.in(migrations), suggestion -> "");

        mojo.execute();

        assertTrue(info.contains("Linting 0 of 1 migrations: the migrations not in migrations.lock."), info::toString);
        assertTrue(info.contains("Lint: 0 errors, 0 warnings in 0 migrations (0 suppressed)"), info::toString);
        String sarif = Files.readString(reports.resolve("check.sarif"));
        assertTrue(sarif.contains("\"id\" : \"locked-edited\""), sarif);
        assertTrue(sarif.contains("\"id\" : \"index-not-concurrent\""), sarif);
    }

    @Test
    @InjectMojo(goal = "lint", pom = "src/test/resources/unit/lint/pom.xml")
    @MojoParameter(name = "skipLint", value = "true")
    void skipLintSkipsWithOneLineAndReadsNothing(LintMojo mojo) throws Exception {
        prepare(mojo);

        mojo.execute();

        assertEquals(List.of("Skipping migrate:lint (migrate.lint.skip is true)"), info);
    }

    /** The harness's project has no build section, and the migrations are the test's. */
    private void prepare(AbstractMigrationsMojo mojo) throws Exception {
        MavenProject project = new MavenProject();
        project.setFile(new File(MojoExtension.getBasedir(), "pom.xml").getAbsoluteFile());
        project.getBuild().setDirectory(new File(MojoExtension.getBasedir(), "target").getAbsolutePath());
        project.getBuild().setOutputDirectory(new File(MojoExtension.getBasedir(), "target/classes").getAbsolutePath());
        MojoExtension.setVariableValueToObject(mojo, "project", project);
        MojoExtension.setVariableValueToObject(mojo, "locations", List.of("filesystem:" + migrations));
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                info.add(content.toString());
            }
        });
    }
}
