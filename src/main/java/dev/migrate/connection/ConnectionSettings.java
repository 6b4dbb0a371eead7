package dev.migrate.connection;

/**
 * How to reach a PostgreSQL server that the user runs.
 *
 * @param url      a {@code jdbc:postgresql:} URL
 * @param user     the user name, or {@code null} when the URL or the server's defaults supply it
 * @param password the password, or {@code null}; never printed
 */
public record ConnectionSettings(String url, String user, String password) {

    /** The URL a log line may show: the URL as given, with any password parameter masked. */
    public String displayUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1******");
    }

    @Override
    public String toString() {
        return "ConnectionSettings[url=" + displayUrl() + ", user=" + user + ", password="
                + (password == null ? "none" : "******") + "]";
    }
}
