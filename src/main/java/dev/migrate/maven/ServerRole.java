package dev.migrate.maven;

/**
 * The two servers a user may name, and how their parameters are called: the same four settings, with
 * {@code codegen} in front for the server the jOOQ classes are generated on.
 */
enum ServerRole {
    /** The database that {@code upgrade}, {@code info} and the other goals act on. */
    TARGET("", PropertyNames.URL, PropertyNames.PASSWORD_PROPERTY, true),
    /** The server on which the jOOQ classes are generated in a throwaway database. */
    CODEGEN("codegen", PropertyNames.CODEGEN_URL, PropertyNames.CODEGEN_PASSWORD_PROPERTY, false);

    private final String prefix;
    private final String urlProperty;
    private final String passwordProperty;
    private final boolean readsEnvironment;

    ServerRole(String prefix, String urlProperty, String passwordProperty, boolean readsEnvironment) {
        this.prefix = prefix;
        this.urlProperty = urlProperty;
        this.passwordProperty = passwordProperty;
        this.readsEnvironment = readsEnvironment;
    }

    /** The XML name of one of the role's parameters: {@code url} becomes {@code codegenUrl} for codegen. */
    String parameter(String name) {
        return prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    String urlProperty() {
        return urlProperty;
    }

    String passwordProperty() {
        return passwordProperty;
    }

    /** Whether the {@code MIGRATE_*} environment variables stand in for the role's parameters. */
    boolean readsEnvironment() {
        return readsEnvironment;
    }
}
