package dev.migrate.check;

import dev.migrate.error.Suggestion;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * One problem {@code migrate:check} (or a rule whose findings join its reports, such as a lint rule) found.
 *
 * @param code       what kind of problem, stable across releases (reports and CI rules key on it)
 * @param level      whether it fails the check
 * @param file       the file it is about, or {@code null} when it is about no file
 * @param line       the line in that file (1-based), or 0 when unknown
 * @param message    what is wrong, naming the migration
 * @param nextStep   what to do about it, in words that name no command or parameter
 * @param suggestion the setting to change or the action to run, which the caller names; or {@code null}
 */
public record Finding(
        FindingRule code, Level level, Path file, int line, String message, String nextStep, Suggestion suggestion) {

    /** Whether a finding fails the check. */
    public enum Level {
        ERROR,
        WARNING
    }

    /** A finding at the level its code usually has, with no suggestion beyond its next step. */
    public static Finding of(FindingRule code, Path file, int line, String message, String nextStep) {
        return of(code, file, line, message, nextStep, null);
    }

    /** A finding at the level its code usually has. */
    public static Finding of(
            FindingRule code, Path file, int line, String message, String nextStep, Suggestion suggestion) {
        return new Finding(code, code.level(), file, line, message, nextStep, suggestion);
    }

    /** The same finding at another level, e.g. the one the configuration gives its rule. */
    public Finding atLevel(Level newLevel) {
        return new Finding(code, newLevel, file, line, message, nextStep, suggestion);
    }

    /** The next step, followed by the suggestion as {@code renderer} names it. */
    public String nextStep(Function<Suggestion, String> renderer) {
        return suggestion == null ? nextStep : nextStep + " " + renderer.apply(suggestion);
    }

    /** One line for the build log: level, code, file:line, message and next step. */
    public String oneLine(Path projectDirectory, Function<Suggestion, String> renderer) {
        String where = file == null
                ? ""
                : FindingsReport.relative(projectDirectory, file) + (line > 0 ? ":" + line : "") + ": ";
        return level + " [" + code.id() + "] " + where + message + " " + nextStep(renderer);
    }
}
