package dev.migrate.maven;

import dev.migrate.offline.OfflineRequest;
import dev.migrate.offline.OfflineSql;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Writes the SQL script that upgrades a database from {@code from} to {@code to} (or, with {@code to} below
 * {@code from}, downgrades it with the undo scripts), for a DBA to review and apply with
 * {@code psql -v ON_ERROR_STOP=1 -f}, without connecting to that database. Flyway resolves, parses and checksums the
 * migrations on a throwaway embedded PostgreSQL of the configured major version. The script is attached to the
 * project (type {@code sql}, classifier {@code upgrade-<from>-<to>} or {@code downgrade-<from>-<to>}), so a release
 * deploys it as {@code <artifactId>-<version>-upgrade-<from>-<to>.sql}, one file per range.
 *
 * @since 0.1.0
 */
@Mojo(name = "offline-sql", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class OfflineSqlMojo extends AbstractEmbeddedMojo {

    private static final String STANDARD_OUTPUT = "-";

    /**
     * The version the target database is at. Empty (the default) or {@code empty}: a database that Flyway never
     * migrated, without a history table.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OFFLINE_FROM, defaultValue = "")
    private String from;

    /**
     * The version the script upgrades to. Empty (the default): the latest migration. Below {@code from}: the version
     * the script downgrades to, with the undo scripts ({@code U<version>__<description>.sql}) of the versions above
     * it.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OFFLINE_TO, defaultValue = "")
    private String to;

    /**
     * Where to write the script, relative to the project's directory. {@code -} prints it to standard output instead,
     * to read (not attached; Maven may add to standard output after the goal, so save a script with a file name).
     * Default: the file {@code <artifactId>-<version>-upgrade-<from>-<to>.sql} ({@code -downgrade-} for a downgrade) in
     * <code>${project.build.directory}/migrate</code>.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OFFLINE_OUTPUT)
    private String output;

    /**
     * Leaves Java-based migrations out of the script (its header lists them) instead of failing: they cannot be
     * rendered as SQL, so whoever applies the script must apply them another way.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OFFLINE_SKIP_JAVA_MIGRATIONS, defaultValue = "false")
    private boolean skipJavaMigrations;

    @Parameter(defaultValue = "${plugin.artifactId} ${plugin.version}", readonly = true)
    private String pluginName;

    private final MavenProjectHelper projectHelper;

    @Inject
    public OfflineSqlMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    @Override
    protected String goal() {
        return "offline-sql";
    }

    @Override
    protected void run(GoalContext context) {
        Path workDirectory = context.maven().migrateDirectory();
        OfflineRequest request =
                OfflineRequest.of(migrationSettings(context, null), from, to, skipJavaMigrations, pluginName);
        OfflineSql.Script script =
                OfflineSql.render(embeddedSettings(context.maven()), workDirectory, request, context.log());
        if (STANDARD_OUTPUT.equals(output)) {
            System.out.print(script.text());
            return;
        }
        Path file = output == null || output.isBlank()
                ? workDirectory.resolve(
                        script.fileName(project().getArtifactId(), project().getVersion()))
                : project().getBasedir().toPath().resolve(output);
        OfflineSql.write(script, file);
        // one classifier per range: a release that ships several ranges deploys each under its own name
        String classifier = script.classifier();
        projectHelper.attachArtifact(project(), "sql", classifier, file.toFile());
        context.log()
                .info("Wrote " + file + " (attached as " + project().getArtifactId() + ":sql:" + classifier
                        + "); apply it with: psql -v ON_ERROR_STOP=1 -f " + file.getFileName() + " <database>");
    }
}
