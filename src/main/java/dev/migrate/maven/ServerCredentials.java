package dev.migrate.maven;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.error.UserMistakeException;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Decides the URL and credentials of a server from the three places they may come from: the POM (or {@code -D}),
 * a settings.xml {@code <server>} (decrypted by Maven), and the {@code MIGRATE_*} environment variables.
 */
final class ServerCredentials {

    private final Settings settings;
    /** pgjdbc reads {@code password} from the URL's query, in any case, after {@code ?} or {@code &}. */
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("[?&]password[=]", Pattern.CASE_INSENSITIVE);

    private final SettingsDecrypter decrypter;
    private final UnaryOperator<String> environment;

    ServerCredentials(Settings settings, SettingsDecrypter decrypter, UnaryOperator<String> environment) {
        this.settings = settings;
        this.decrypter = decrypter;
        this.environment = environment;
    }

    /**
     * @param parameterPrefix how the parameters are named in messages, e.g. "" for {@code <url>}, "codegen" for
     *                        {@code <codegenUrl>}
     * @return the settings, or {@code null} when no URL is given anywhere
     */
    ConnectionSettings resolve(
            String parameterPrefix,
            String url,
            String user,
            String password,
            String serverId,
            boolean readEnvironment) {
        String effectiveUrl = url != null ? url : readEnvironment ? environment.apply("MIGRATE_URL") : null;
        if (effectiveUrl == null || effectiveUrl.isBlank()) {
            return null;
        }
        refusePasswordIn(parameterPrefix, effectiveUrl, url == null);
        if (serverId != null && !serverId.isBlank()) {
            if (user != null || password != null) {
                throw new UserMistakeException("Credentials are given twice: in <" + name(parameterPrefix, "user")
                        + ">/<" + name(parameterPrefix, "password") + "> and through <"
                        + name(parameterPrefix, "serverId") + ">" + serverId + "</" + name(parameterPrefix, "serverId")
                        + ">. Keep one: either the settings.xml server or the POM parameters.");
            }
            Server server = decrypted(parameterPrefix, serverId);
            return new ConnectionSettings(effectiveUrl, server.getUsername(), server.getPassword());
        }
        String effectiveUser = user != null ? user : readEnvironment ? environment.apply("MIGRATE_USER") : null;
        String effectivePassword =
                password != null ? password : readEnvironment ? environment.apply("MIGRATE_PASSWORD") : null;
        return new ConnectionSettings(effectiveUrl, effectiveUser, effectivePassword);
    }

    /**
     * A password inside the URL would be printed wherever the URL is (Maven's {@code -X} dump of the POM, a CI
     * job's command line), so it has to come from where passwords are kept.
     */
    private static void refusePasswordIn(String parameterPrefix, String url, boolean fromEnvironment) {
        if (PASSWORD_IN_URL.matcher(url).find()) {
            String where = fromEnvironment ? "MIGRATE_URL" : "<" + name(parameterPrefix, "url") + ">";
            throw new UserMistakeException(where + " holds a password (password=...), which would show wherever the"
                    + " URL is printed. Remove it from the URL and give it through <"
                    + name(parameterPrefix, "serverId")
                    + "> (settings.xml, encrypted) or -Dmigrate." + name(parameterPrefix, "password")
                    + (parameterPrefix.isEmpty() ? " or MIGRATE_PASSWORD." : "."));
        }
    }

    private Server decrypted(String parameterPrefix, String serverId) {
        Server server = settings.getServer(serverId);
        if (server == null) {
            throw new UserMistakeException("<" + name(parameterPrefix, "serverId") + "> names the server '" + serverId
                    + "', but settings.xml has no <server> with that <id>. Add it to ~/.m2/settings.xml with"
                    + " <username> and <password> (encrypt the password with 'mvn --encrypt-password').");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new UserMistakeException("The password of the settings.xml server '" + serverId
                        + "' cannot be decrypted: " + problem.getMessage()
                        + ". Check ~/.m2/settings-security.xml and re-encrypt the password with"
                        + " 'mvn --encrypt-password'.");
            }
        }
        return result.getServer();
    }

    private static String name(String prefix, String parameter) {
        return prefix.isEmpty()
                ? parameter
                : prefix + Character.toUpperCase(parameter.charAt(0)) + parameter.substring(1);
    }
}
