package dev.migrate.maven;

import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.TargetDatabase;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters of the goals that act on a target database: the user's server at {@link #url}, or the embedded
 * development database. {@code upgrade} reads the same parameters, declared on it beside the codegen ones.
 */
abstract class AbstractTargetMojo extends AbstractEmbeddedMojo {

    /**
     * The JDBC URL of the target database, e.g. {@code jdbc:postgresql://db:5432/shop}. Without one, the goal acts on
     * the embedded development database. Also read from the {@code MIGRATE_URL} environment variable. Property:
     * {@code migrate.url}, read by the plugin rather than injected by Maven (as {@link #password} is), so that
     * {@code -X} never prints it. A URL that holds a password ({@code ?password=...}) is refused: give the password
     * through {@link #serverId}, {@code -Dmigrate.password} or {@code MIGRATE_PASSWORD}.
     *
     * @since 0.1.0
     */
    @Parameter
    private String url;

    /**
     * The user to connect to {@link #url} as. Also read from {@code MIGRATE_USER}. Give either this or
     * {@link #serverId}, not both.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.USER)
    private String user;

    /**
     * The password for {@link #user}. Property: {@code migrate.password}. Also read from {@code MIGRATE_PASSWORD};
     * prefer {@link #serverId} with an encrypted password in settings.xml. Never logged by the plugin. The property
     * is read by the plugin rather than injected by Maven, because Maven prints every injected value with
     * {@code -X}; Maven also prints the POM's configuration with {@code -X}, so keep passwords out of the POM.
     *
     * @since 0.1.0
     */
    @Parameter
    private String password;

    /**
     * The {@code <id>} of a settings.xml {@code <server>} that holds the user name and (optionally encrypted)
     * password for {@link #url}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SERVER_ID)
    private String serverId;

    /**
     * Where the embedded development database keeps its data between builds.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.DEV_DATABASE, defaultValue = "${project.build.directory}/migrate/devdb")
    private File devDatabase;

    /**
     * How long, in seconds, the goal waits for Flyway's lock on the server of {@link #url} while another session
     * holds it (an upgrade, or a session it left behind). The wait names the session holding the lock; when it ends
     * unanswered, the goal fails naming it. Sets Flyway's {@code lockRetryCount} unless
     * {@code <flyway><lockRetryCount>} is given.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.MIGRATION_LOCK_TIMEOUT, defaultValue = "300")
    private int migrationLockTimeout;

    /**
     * How long, in seconds, the server of {@link #url} may leave the plugin's liveness checks unanswered before the
     * goal gives up on it. A migration may run as long as it needs: while it runs, the plugin checks every few seconds
     * on a new connection ({@code SELECT 1}) that the server still answers, and fails the goal only when it has
     * answered none of these checks for this long (a frozen or unreachable server, a dead network).
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.SERVER_TIMEOUT, defaultValue = "60")
    private int serverTimeout;

    /**
     * The version the goal goes up to, or looks at; for {@code downgrade}, which requires it, the version it goes down
     * to. Default: the latest.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TARGET)
    private String target;

    protected TargetDatabase targetDatabase(GoalContext context) {
        return context.maven().targetDatabase(targetParameters(), () -> embeddedSettings(context.maven()));
    }

    protected MigrationSettings migrationSettings(GoalContext context) {
        return migrationSettings(context, target);
    }

    @Override
    List<String> secrets(MavenConfiguration maven) {
        List<String> secrets = super.secrets(maven);
        secrets.addAll(maven.secrets(targetParameters().server()));
        return secrets;
    }

    MavenConfiguration.TargetParameters targetParameters() {
        return new MavenConfiguration.TargetParameters(
                new MavenConfiguration.ServerParameters(ServerRole.TARGET, url, user, password, serverId),
                devDatabase.toPath(),
                migrationLockTimeout,
                serverTimeout);
    }
}
