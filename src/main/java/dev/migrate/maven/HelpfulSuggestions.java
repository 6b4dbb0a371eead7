package dev.migrate.maven;

import dev.migrate.error.Action;
import dev.migrate.error.ConnectionFailure;
import dev.migrate.error.MigrateException;
import dev.migrate.error.Role;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;

/**
 * The one place that turns the core's {@link Suggestion} into this plugin's parameter and property names (Jib's
 * {@code HelpfulSuggestions}): the core says which server or setting is at fault, or which action helps; this class
 * says where the user gives it, or which goal runs it. A failure on the codegen server names only the codegen server's parameters, one on the target only the
 * target's.
 */
final class HelpfulSuggestions {

    /** Where the user gives the URL and the credentials of a server of {@code role}. */
    private record ServerParameters(ServerRole role) {

        String urlSources() {
            return "<" + role.parameter("url") + ">, -D" + role.urlProperty() + orEnvironment("URL");
        }

        String userSources() {
            return "<" + user() + ">" + orEnvironment("USER");
        }

        String passwordSources() {
            return "<" + role.parameter("password") + ">, -D" + role.passwordProperty() + orEnvironment("PASSWORD")
                    + ", or the settings.xml server named by <" + serverId() + "> (with its password encrypted)";
        }

        String user() {
            return role.parameter("user");
        }

        String serverId() {
            return role.parameter("serverId");
        }

        private String orEnvironment(String variable) {
            return role.readsEnvironment() ? " or the MIGRATE_" + variable + " environment variable" : "";
        }
    }

    private HelpfulSuggestions() {}

    /** The failure's message, followed by its suggestion in this plugin's terms when it has one. */
    static String render(MigrateException failure) {
        return failure.suggestion()
                .map(suggestion -> failure.getMessage() + "\n" + suggest(suggestion))
                .orElse(failure.getMessage());
    }

    static String suggest(Suggestion suggestion) {
        if (suggestion instanceof Suggestion.Connection connection) {
            return forConnection(connection.role(), connection.failure());
        }
        if (suggestion instanceof Suggestion.Change change) {
            return forSetting(change.setting(), change.key());
        }
        return forAction(((Suggestion.Run) suggestion).action());
    }

    private static String forConnection(Role role, ConnectionFailure failure) {
        ServerParameters server = switch (role) {
            case TARGET -> new ServerParameters(ServerRole.TARGET);
            case CODEGEN -> new ServerParameters(ServerRole.CODEGEN);
        };
        return switch (failure) {
            case NOT_A_POSTGRES_URL -> "Fix the URL in " + server.urlSources() + ".";
            case WRONG_CREDENTIALS ->
                "Check the user name in " + server.userSources() + " and the password in " + server.passwordSources()
                        + ".";
            case NO_PASSWORD -> "Give the password in " + server.passwordSources() + ".";
            case UNKNOWN_DATABASE -> "The database is the last part of the URL in " + server.urlSources() + ".";
            case UNREACHABLE ->
                "Check that the server is running and that host and port are right in the URL in " + server.urlSources()
                        + ".";
            case NO_CREATEDB_PRIVILEGE ->
                "Grant it to the user named by <" + server.user() + "> or <" + server.serverId()
                        + ">, or name a user that has it.";
        };
    }

    private static String forSetting(Setting setting, String key) {
        return switch (setting) {
            case LOCATIONS -> setIn("<locations>", PropertyNames.LOCATIONS + "=<location>[,...]");
            case PLACEHOLDERS ->
                key == null
                        ? setIn("<placeholders>", PropertyNames.PLACEHOLDERS_PREFIX + "<name>=<value>")
                        : setIn(
                                "<placeholders><" + key + ">...</" + key + "></placeholders>",
                                PropertyNames.PLACEHOLDERS_PREFIX + key + "=<value>");
            case FLYWAY -> setIn("<flyway>", PropertyNames.FLYWAY_PREFIX + "<setting>=<value>");
            case SCHEMAS -> setIn("<schemas>", PropertyNames.SCHEMAS + "=<schema>[,...]");
            case TARGET -> setIn("<target>", PropertyNames.TARGET + "=<version>");
            case POSTGRES_VERSION -> setIn("<postgres><version>", PropertyNames.POSTGRES_VERSION + "=<version>");
            case LOCK_TIMEOUT -> setIn("<lockTimeout>", PropertyNames.LOCK_TIMEOUT + "=<seconds>");
            case MIGRATION_LOCK_TIMEOUT ->
                setIn("<migrationLockTimeout>", PropertyNames.MIGRATION_LOCK_TIMEOUT + "=<seconds>");
            case SERVER_TIMEOUT -> setIn("<serverTimeout>", PropertyNames.SERVER_TIMEOUT + "=<seconds>");
            case GENERATOR ->
                key == null
                        ? "Set it in the plugin's <generator> configuration."
                        : "Correct or remove <generator><" + String.join("><", key.split("/"))
                                + "> in the plugin's configuration: it takes the elements of jOOQ's code generation"
                                + " configuration.";
            case OUTPUT_DIRECTORY -> setIn("<outputDirectory>", PropertyNames.GENERATE_OUTPUT_DIRECTORY + "=<path>");
            case FROM -> setIn("<from>", PropertyNames.OFFLINE_FROM + "=<version>");
            case TO -> setIn("<to>", PropertyNames.OFFLINE_TO + "=<version>");
            case SKIP_JAVA_MIGRATIONS ->
                setIn("<skipJavaMigrations>", PropertyNames.OFFLINE_SKIP_JAVA_MIGRATIONS + "=true");
            case WORKER -> setIn("<worker>", PropertyNames.WORKER + "=false");
            case CLEAN_CONFIRM -> setIn("<cleanConfirm>", PropertyNames.CLEAN_CONFIRM + "=<database name>");
            case NEW_NAME -> setIn("<name>", PropertyNames.NEW_NAME + "=\"<what it does>\"");
            case NEW_UNDO -> setIn("<undo>", PropertyNames.NEW_UNDO + "=false");
            case LINT_SINCE -> setIn("<lint><since>", PropertyNames.LINT_SINCE + "=<version>");
            case LINT_RULES -> {
                String code = key == null ? "<code>" : key;
                yield setIn(
                        "<lint><rules><" + code + ">off|warning|error</" + code + "></rules></lint>",
                        PropertyNames.LINT_RULES_PREFIX + code + "=off|warning|error");
            }
        };
    }

    private static String forAction(Action action) {
        return switch (action) {
            case NEW_MIGRATION ->
                "mvn migrate:new -D" + PropertyNames.NEW_NAME + "=\"<what it does>\" creates a migration with the"
                        + " next free version.";
            case UPDATE_LOCK -> "mvn migrate:check -D" + PropertyNames.CHECK_UPDATE + "=true rewrites the lock file.";
            case UPGRADE -> "mvn migrate:upgrade applies the migrations.";
            case REPAIR ->
                "mvn migrate:repair does it: it removes failed rows, realigns checksums and names with the files,"
                        + " and marks the rows of missing files deleted.";
            case INFO -> "mvn migrate:info shows every migration's state.";
        };
    }

    private static String setIn(String parameter, String property) {
        return "Set it in " + parameter + " or with -D" + property + ".";
    }
}
