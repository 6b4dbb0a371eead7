package dev.migrate.maven;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.error.UserMistakeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    static final String PASSWORD_VARIABLE = "MIGRATE_PASSWORD";

    private final Settings settings;
    /** pgjdbc reads {@code password} from the URL's query, in any case, after {@code ?} or {@code &}. */
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("[?&]password[=]", Pattern.CASE_INSENSITIVE);

    private final SettingsDecrypter decrypter;
    private final UnaryOperator<String> environment;
    private final Map<String, Server> decryptedServers = new HashMap<>();

    ServerCredentials(Settings settings, SettingsDecrypter decrypter, UnaryOperator<String> environment) {
        this.settings = settings;
        this.decrypter = decrypter;
        this.environment = environment;
    }

    /** @return the settings, or {@code null} when no URL is given anywhere */
    ConnectionSettings resolve(ServerRole role, String url, String user, String password, String serverId) {
        boolean readEnvironment = role.readsEnvironment();
        String effectiveUrl = url != null ? url : readEnvironment ? environment.apply("MIGRATE_URL") : null;
        if (effectiveUrl == null || effectiveUrl.isBlank()) {
            return null;
        }
        refusePasswordIn(role, effectiveUrl, url == null);
        if (serverId != null && !serverId.isBlank()) {
            if (user != null || password != null) {
                throw new UserMistakeException("Credentials are given twice: in <" + role.parameter("user") + ">/<"
                        + role.parameter("password") + "> and through <" + role.parameter("serverId") + ">"
                        + serverId + "</" + role.parameter("serverId")
                        + ">. Keep one: either the settings.xml server or the POM parameters.");
            }
            Server server = decrypted(role, serverId);
            return new ConnectionSettings(effectiveUrl, server.getUsername(), server.getPassword());
        }
        String effectiveUser = user != null ? user : readEnvironment ? environment.apply("MIGRATE_USER") : null;
        String effectivePassword =
                password != null ? password : readEnvironment ? environment.apply(PASSWORD_VARIABLE) : null;
        return new ConnectionSettings(effectiveUrl, effectiveUser, effectivePassword);
    }

    /** The password of a settings.xml server as written and as decrypted, or nothing when there is no such server. */
    List<String> secretsOf(String serverId) {
        if (serverId == null || settings == null || settings.getServer(serverId) == null) {
            return List.of();
        }
        List<String> secrets = new ArrayList<>();
        secrets.add(settings.getServer(serverId).getPassword());
        secrets.add(decrypted(ServerRole.TARGET, serverId).getPassword());
        return secrets;
    }

    /**
     * A password inside the URL would be printed wherever the URL is (Maven's {@code -X} dump of the POM, a CI
     * job's command line), so it has to come from where passwords are kept.
     */
    private static void refusePasswordIn(ServerRole role, String url, boolean fromEnvironment) {
        if (PASSWORD_IN_URL.matcher(url).find()) {
            String where = fromEnvironment ? "MIGRATE_URL" : "<" + role.parameter("url") + ">";
            throw new UserMistakeException(where + " holds a password (password=...), which would show wherever the"
                    + " URL is printed. Remove it from the URL and give it through <" + role.parameter("serverId")
                    + "> (settings.xml, encrypted) or -D" + role.passwordProperty()
                    + (role.readsEnvironment() ? " or " + PASSWORD_VARIABLE + "." : "."));
        }
    }

    /** Decrypted once per server and build, however many goals and roles ask. */
    private Server decrypted(ServerRole role, String serverId) {
        Server cached = decryptedServers.get(serverId);
        if (cached != null) {
            return cached;
        }
        Server server = settings.getServer(serverId);
        if (server == null) {
            throw new UserMistakeException("<" + role.parameter("serverId") + "> names the server '" + serverId
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
        decryptedServers.put(serverId, result.getServer());
        return result.getServer();
    }
}
