package dev.migrate.maven;

import dev.migrate.check.Finding;
import dev.migrate.lint.LintRun;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Lints the new migrations for locking and destructive hazards (an index built without {@code CONCURRENTLY} on an
 * existing table, a foreign key added without {@code NOT VALID}, a rewriting type change, a dropped column, ...):
 * each is replayed on a throwaway embedded PostgreSQL, statement by statement as Flyway splits it, and PostgreSQL says
 * what it did. One line per finding, a summary, and {@code lint.json} and {@code lint.sarif} (SARIF 2.1.0) in
 * {@code ${project.build.directory}/migrate}; the build fails on a finding of level error. No database but the
 * throwaway is touched. Bound to {@code verify} when an execution names it.
 *
 * @since 0.2.0
 */
@Mojo(
        name = "lint",
        defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.COMPILE,
        threadSafe = true)
public class LintMojo extends AbstractEmbeddedMojo {

    /**
     * Which migrations to lint and the level of each rule: {@code <lint><since>12</since></lint>} lints the
     * migrations after version 12 ({@code -Dmigrate.lint.since=12}), {@code <all>true</all>} every migration
     * ({@code -Dmigrate.lint.all}), and {@code <rules><index-not-concurrent>warning</index-not-concurrent></rules>}
     * sets a rule's level, {@code off}, {@code warning} or {@code error}
     * ({@code -Dmigrate.lint.rules.index-not-concurrent=warning}). Default: the migrations not in the lock file
     * {@code migrations.lock}, each rule at its own level.
     *
     * @since 0.2.0
     */
    @Parameter
    private Lint lint;

    /**
     * Skips {@code migrate:lint}, with one INFO line.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.LINT_SKIP, defaultValue = "false")
    private boolean skipLint;

    /** Its reports, {@code lint.json} and {@code lint.sarif}, are written with Jackson. */
    @Override
    protected boolean writesJson() {
        return true;
    }

    @Override
    protected String goal() {
        return "lint";
    }

    @Override
    protected void run(GoalContext context) {
        if (skipLint) {
            context.log().info("Skipping migrate:lint (" + PropertyNames.LINT_SKIP + " is true)");
            return;
        }
        MavenConfiguration maven = context.maven();
        Path project = maven.project().basedir();
        LintRun.Result result = LintRun.run(
                maven.lint(lint, migrationSettings(context, null), embeddedThrowaway(maven, context.log())),
                context.log());
        for (Finding finding : result.findings()) {
            if (finding.level() == Finding.Level.ERROR) {
                context.log().error(LintRun.logLine(finding, project));
            } else {
                context.log().warn(LintRun.logLine(finding, project));
            }
        }
        Path sarif = LintRun.writeReports(result, HelpfulSuggestions::suggest, project, maven.migrateDirectory());
        context.log().info(result.summary());
        if (result.errors() > 0) {
            throw result.failure(sarif);
        }
    }
}
