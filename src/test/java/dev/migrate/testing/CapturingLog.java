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
    public synchronized void debug(String message) {
        lines.add("DEBUG " + message);
    }

    @Override
    public synchronized void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public synchronized void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public synchronized void error(String message) {
        lines.add("ERROR " + message);
    }
}
