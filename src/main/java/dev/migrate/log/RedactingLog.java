package dev.migrate.log;

import java.util.List;
import java.util.Objects;

/**
 * Masks secrets in every line before it reaches the underlying log, whoever wrote the line (the plugin, Flyway, jOOQ,
 * the JDBC driver), so that a password never shows, also not with {@code -X}.
 */
public final class RedactingLog implements BuildLog {

    static final String MASK = "******";

    private final BuildLog delegate;
    private final List<String> secrets;

    public RedactingLog(BuildLog delegate, List<String> secrets) {
        this.delegate = Objects.requireNonNull(delegate);
        this.secrets = secrets.stream()
                .filter(secret -> secret != null && !secret.isEmpty())
                .toList();
    }

    /** Masks the secrets in any text: also used for exception messages before they leave the plugin. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, MASK);
        }
        return redacted;
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public void log(Level level, String message) {
        delegate.log(level, redact(message));
    }
}
