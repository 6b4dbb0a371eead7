package dev.migrate.check;

import java.nio.file.Path;

/**
 * One problem {@code migrate:check} found.
 *
 * @param code     what kind of problem, stable across releases (reports and CI rules key on it)
 * @param level    whether it fails the check
 * @param file     the file it is about, or {@code null} when it is about no file
 * @param line     the line in that file (1-based), or 0 when unknown
 * @param message  what is wrong, naming the migration
 * @param nextStep what to do about it
 */
public record Finding(FindingCode code, Level level, Path file, int line, String message, String nextStep) {

    /** Whether a finding fails the check. */
    public enum Level {
        ERROR,
        WARNING
    }

    /** A finding at the level its code usually has. */
    public static Finding of(FindingCode code, Path file, int line, String message, String nextStep) {
        return new Finding(code, code.level(), file, line, message, nextStep);
    }

    /** One line for the build log: level, code, file:line, message and next step. */
    public String oneLine(Path projectDirectory) {
        String where = file == null
                ? ""
                : FindingsReport.relative(projectDirectory, file) + (line > 0 ? ":" + line : "") + ": ";
        return level + " [" + code.id() + "] " + where + message + " " + nextStep;
    }
}
