package dev.migrate.testing;

import dev.migrate.log.BuildLog;
import java.util.ArrayList;
import java.util.List;

/** A log that keeps every line, prefixed with its level, for assertions. */
public final class CapturingLog implements BuildLog {

    private final List<String> lines = new ArrayList<>();

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized String text() {
        return String.join("\n", lines);
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public synchronized void log(Level level, String message) {
        lines.add(level + " " + message);
    }
}
