package dev.migrate.maven;

import dev.migrate.check.CiCheck;
import dev.migrate.check.Finding;
import dev.migrate.check.StaticChecks;
import dev.migrate.database.OpenDatabase;
import dev.migrate.database.ThrowawayDatabase;
import dev.migrate.error.UserMistakeException;
import dev.migrate.lint.LintRun;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.TargetDatabase;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * The CI gate: fails the build with one line per finding about the migrations (names, duplicate and out-of-order
 * versions, unresolvable placeholders, released migrations edited, removed or renamed against the lock file
 * {@code migrations.lock}), about the undo scripts (proven by round trip on a throwaway database) and, given a
 * database, about the database (Flyway's validation, and drift: its schema compared with the one its migrations
 * produce); with {@code checkLint}, the lint's hazards too. Writes the findings as JSON and SARIF. Bound to
 * {@code verify} when an execution names it.
 *
 * @since 0.2.0
 */
@Mojo(
        name = "check",
        defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.COMPILE,
        threadSafe = true)
public class CheckMojo extends AbstractTargetMojo {

    /**
     * Rewrites the lock file {@code migrations.lock} beside the migrations from the migrations as they are, before
     * checking: run it when you release, and commit the file.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.CHECK_UPDATE, defaultValue = "false")
    private boolean update;

    /**
     * Whether to check the database too (Flyway's validation, and drift). Unset: when {@code <url>} (or
     * {@code MIGRATE_URL}) names one; {@code true} checks the embedded development database when there is no URL.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.CHECK_DATABASE)
    private Boolean database;

    /**
     * Whether the database check compares the database's schema with the one its migrations produce, on a throwaway
     * embedded PostgreSQL of the database's major version.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.CHECK_DRIFT, defaultValue = "true")
    private boolean drift;

    /**
     * Whether to prove the undo scripts ({@code U<version>__<description>.sql}) by round trip on a throwaway embedded
     * PostgreSQL: each version applied, then its undo script, and the schema compared with the one before. Unset:
     * when the project has an undo script.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.CHECK_UNDO)
    private Boolean undo;

    /**
     * Where {@code check.json} and {@code check.sarif} (SARIF 2.1.0, for GitHub code scanning and other CI servers)
     * are written.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.CHECK_REPORTS, defaultValue = "${project.build.directory}/migrate")
    private File reports;

    /**
     * Whether the check lints the new migrations too, as {@code migrate:lint} does (on a throwaway embedded
     * PostgreSQL): the lint's findings join the check's lines and reports.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.CHECK_LINT, defaultValue = "false")
    private boolean checkLint;

    /**
     * Which migrations the lint of {@code checkLint} lints and the level of each rule, as for {@code migrate:lint}.
     *
     * @since 0.2.0
     */
    @Parameter
    private Lint lint;

    /** Its reports, {@code check.json} and {@code check.sarif}, are written with Jackson. */
    @Override
    protected boolean writesJson() {
        return true;
    }

    @Override
    protected String goal() {
        return "check";
    }

    @Override
    protected void run(GoalContext context) {
        MavenConfiguration maven = context.maven();
        MigrationSettings migrations = migrationSettings(context);
        Path project = maven.project().basedir();
        if (update) {
            context.log()
                    .info("Wrote " + StaticChecks.updateLock(migrations, HelpfulSuggestions::suggest)
                            + "; commit it with the migrations.");
        }
        List<Finding> findings = CiCheck.run(
                migrations,
                databaseChecks(context, migrations),
                undoThrowaway(context, migrations),
                lint(context, migrations),
                project,
                reports.toPath(),
                HelpfulSuggestions::suggest,
                context.log());
        findings.forEach(finding -> {
            if (finding.level() == Finding.Level.ERROR) {
                context.log().error(finding.oneLine(project, HelpfulSuggestions::suggest));
            } else {
                context.log().warn(finding.oneLine(project, HelpfulSuggestions::suggest));
            }
        });
        long errors =
                findings.stream().filter(f -> f.level() == Finding.Level.ERROR).count();
        context.log()
                .info("migrate:check: " + errors + " errors, " + (findings.size() - errors) + " warnings; reports in "
                        + reports.toPath().resolve("check.json") + " and check.sarif");
        if (errors > 0) {
            throw new UserMistakeException("migrate:check found " + errors + (errors == 1 ? " error" : " errors")
                    + " (listed above, and in " + reports.toPath().resolve("check.sarif") + ").");
        }
    }

    private CiCheck.MoreChecks lint(GoalContext context, MigrationSettings migrations) {
        if (!checkLint) {
            return CiCheck.MoreChecks.NONE;
        }
        MavenConfiguration maven = context.maven();
        LintRun.Request request = maven.lint(lint, migrations, embeddedThrowaway(maven, context.log()));
        return new CiCheck.MoreChecks(LintRun.rules(), () -> {
            LintRun.Result result = LintRun.run(request, context.log());
            context.log().info(result.summary());
            return result.findings();
        });
    }

    private Supplier<OpenDatabase> undoThrowaway(GoalContext context, MigrationSettings migrations) {
        if (!(undo == null ? StaticChecks.hasUndoScripts(migrations) : undo)) {
            return null;
        }
        return embeddedThrowaway(context.maven(), context.log());
    }

    private CiCheck.DatabaseChecks databaseChecks(GoalContext context, MigrationSettings migrations) {
        MavenConfiguration maven = context.maven();
        TargetDatabase target = targetDatabase(context);
        if (!(database == null ? target.server() != null : database)) {
            return null;
        }
        return new CiCheck.DatabaseChecks(
                () -> target.open(migrations, context.log()),
                major -> new ThrowawayDatabase(null, () -> embeddedSettings(maven, major), maven.migrateDirectory())
                        .open(context.log()),
                drift);
    }
}
