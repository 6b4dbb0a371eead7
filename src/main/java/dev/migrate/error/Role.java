package dev.migrate.error;

/**
 * Which server a connection failure concerns. The two are configured by different parameters, so the advice for a
 * failure depends on the role: a wrong password on the codegen server is fixed where the codegen server's credentials
 * are given, not where the target's are.
 */
public enum Role {
    /** The server a goal migrates or reports on. */
    TARGET("target server"),
    /** The existing server that codegen creates its throwaway database on. */
    CODEGEN("codegen server");

    private final String description;

    Role(String description) {
        this.description = description;
    }

    /** The server in words, e.g. "codegen server". */
    public String description() {
        return description;
    }
}
