package dev.migrate.error;

/** What went wrong when the plugin tried to reach a server the user runs. */
public enum ConnectionFailure {
    /** The URL is not a PostgreSQL JDBC URL of the form the plugin needs. */
    NOT_A_POSTGRES_URL,
    /** The server refused the user name or the password. */
    WRONG_CREDENTIALS,
    /** The server asks for a password, and none was given. */
    NO_PASSWORD,
    /** The database named in the URL does not exist. */
    UNKNOWN_DATABASE,
    /** Nothing answered at the URL's host and port in time. */
    UNREACHABLE,
    /** The user may not create databases, which a throwaway database on the server needs. */
    NO_CREATEDB_PRIVILEGE
}
