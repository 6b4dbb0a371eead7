package dev.migrate.lint;

import dev.migrate.check.MigrationLock;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.internals.MigrationFile;
import dev.migrate.migration.internals.MigrationFile.Kind;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Which migrations a lint looks at. Released migrations have run in production already: a hazard in them cannot be
 * fixed, only suppressed, so by default only the versioned migrations the lock file does not record are linted. An
 * existing project starts after a version (its baseline); every file is linted on request, and when there is neither
 * a lock file nor a version. Repeatable migrations are linted only when every file is: the lock file does not record
 * them, so there is no way to tell an unchanged one from a new one.
 */
public final class LintSelection {

    /** Versioned migrations by version, then repeatable ones by name: the order Flyway applies them in. */
    private static final Comparator<MigrationFile> FLYWAY_ORDER = Comparator.comparing(
                    (MigrationFile file) -> file.kind() == Kind.VERSIONED ? 0 : 1)
            .thenComparing(file -> file.kind() == Kind.VERSIONED
                    ? MigrationVersion.fromVersion(file.version())
                    : MigrationVersion.EMPTY)
            .thenComparing(MigrationFile::script);

    private LintSelection() {}

    /**
     * The migrations chosen, and why, in words for the build log.
     *
     * @param files  the chosen files, in the order Flyway applies them
     * @param reason which migrations these are, e.g. "every migration"
     */
    public record Chosen(List<MigrationFile> files, String reason) {

        public Chosen {
            files = files.stream().sorted(FLYWAY_ORDER).toList();
        }

        /** Whether {@code file} is one of the chosen, as the engine asks. */
        public Predicate<MigrationFile> asPredicate() {
            Set<String> scripts = files.stream().map(MigrationFile::script).collect(Collectors.toSet());
            return file -> scripts.contains(file.script());
        }
    }

    /**
     * Chooses among {@code files}.
     *
     * @param lock  the project's lock file, if it has one
     * @param all   every versioned and repeatable migration
     * @param since lint the versioned migrations above this version, or {@code null}
     */
    public static Chosen choose(List<MigrationFile> files, Optional<MigrationLock> lock, boolean all, String since) {
        if (all && since != null) {
            throw new UserMistakeException(
                    "Lint every migration, or the migrations after version " + since + ", not both.",
                    new Suggestion.Change(Setting.LINT_SINCE));
        }
        if (all) {
            return every(files, "every migration");
        }
        if (since != null) {
            MigrationVersion after = version(since);
            return new Chosen(
                    versioned(files, version -> version.compareTo(after) > 0), "the migrations after version " + since);
        }
        if (lock.isPresent()) {
            Set<MigrationVersion> released = lock.get().entries().stream()
                    .map(entry -> MigrationVersion.fromVersion(entry.version()))
                    .collect(Collectors.toSet());
            return new Chosen(
                    versioned(files, version -> !released.contains(version)),
                    "the migrations not in " + lock.get().file().getFileName());
        }
        return every(
                files,
                "every migration, as there is no lock file (" + MigrationLock.FILE_NAME
                        + ") and no version to start after");
    }

    private static Chosen every(List<MigrationFile> files, String reason) {
        return new Chosen(
                files.stream()
                        .filter(file -> file.kind() == Kind.VERSIONED || file.kind() == Kind.REPEATABLE)
                        .toList(),
                reason);
    }

    private static List<MigrationFile> versioned(List<MigrationFile> files, Predicate<MigrationVersion> chosen) {
        return files.stream()
                .filter(file -> file.kind() == Kind.VERSIONED)
                .filter(file -> chosen.test(MigrationVersion.fromVersion(file.version())))
                .toList();
    }

    private static MigrationVersion version(String since) {
        try {
            return MigrationVersion.fromVersion(since.strip());
        } catch (FlywayException e) {
            throw new UserMistakeException(
                    "'" + since + "' is not a Flyway version: give the version of the last migration not to lint,"
                            + " e.g. 12 or 2.1.",
                    new Suggestion.Change(Setting.LINT_SINCE),
                    e);
        }
    }
}
