package dev.migrate.check;

import dev.migrate.check.Finding.Level;
import dev.migrate.error.Action;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.MigrationFile;
import dev.migrate.migration.internals.MigrationFile.Kind;
import dev.migrate.migration.internals.MigrationFile.UnresolvedPlaceholder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * What {@code migrate:check} finds without a database: names Flyway refuses, duplicate versions, placeholders without
 * a value, and, when the project has a {@link MigrationLock}, released migrations that changed and new ones below the
 * released versions. Flyway reads the files (its naming rules, checksums and placeholder replacement); this class
 * only compares.
 */
public final class StaticChecks {

    private static final Suggestion NEW_MIGRATION = new Suggestion.Run(Action.NEW_MIGRATION);

    private StaticChecks() {}

    /** Every finding, ordered by file. */
    public static List<Finding> run(MigrationSettings settings) {
        Configuration configuration = FlywayFactory.withoutDatabase(settings);
        List<MigrationFile> files = FlywayInternals.scan(configuration);
        List<Finding> findings = new ArrayList<>();
        files.forEach(file -> findings.addAll(fileFindings(file)));
        findings.addAll(duplicateVersions(files));
        Optional<MigrationLock> lock = settings.firstFilesystemLocation().flatMap(MigrationLock::read);
        lock.ifPresent(present -> findings.addAll(lockFindings(present, files, configuration.isOutOfOrder())));
        return findings;
    }

    /** Whether the project has an undo script ({@code U<version>__<description>.sql}) beside its migrations. */
    public static boolean hasUndoScripts(MigrationSettings settings) {
        return FlywayInternals.scan(FlywayFactory.withoutDatabase(settings)).stream()
                .anyMatch(file -> file.kind() == Kind.UNDO);
    }

    /**
     * Records the current versioned migrations as released in the lock file; returns its path.
     *
     * @param renderer names the command that rewrites the lock file, for the file's header
     */
    public static Path updateLock(MigrationSettings settings, Function<Suggestion, String> renderer) {
        Path folder = settings.firstFilesystemLocation()
                .orElseThrow(() -> new UserMistakeException(
                        "The lock file lives in the first filesystem location, and the locations have none. Add one,"
                                + " e.g. filesystem:src/main/resources/db/migration.",
                        new Suggestion.Change(Setting.LOCATIONS)));
        return MigrationLock.update(folder, FlywayInternals.scan(FlywayFactory.withoutDatabase(settings)), renderer);
    }

    private static List<Finding> fileFindings(MigrationFile file) {
        List<Finding> findings = new ArrayList<>();
        if (file.kind() == Kind.INVALID) {
            findings.add(Finding.of(
                    FindingCode.NAMING,
                    file.file(),
                    0,
                    file.invalidName() + ".",
                    "Rename it V<version>__<description>.sql (or R__<description>.sql for a repeatable one);"
                            + " Flyway would refuse it (validateMigrationNaming).",
                    NEW_MIGRATION));
        }
        for (UnresolvedPlaceholder placeholder : file.unresolved()) {
            findings.add(Finding.of(
                    FindingCode.UNRESOLVED_PLACEHOLDER,
                    file.file(),
                    placeholder.line(),
                    file.script() + " uses the placeholder '" + placeholder.name() + "', which has no value: Flyway"
                            + " would stop there.",
                    "Give it a value, or remove it from the file.",
                    new Suggestion.Change(Setting.PLACEHOLDERS, placeholder.name())));
        }
        return findings;
    }

    private static List<Finding> duplicateVersions(List<MigrationFile> files) {
        Map<MigrationVersion, MigrationFile> first = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (MigrationFile file : versioned(files)) {
            MigrationFile earlier = first.putIfAbsent(MigrationVersion.fromVersion(file.version()), file);
            if (earlier != null) {
                findings.add(Finding.of(
                        FindingCode.DUPLICATE_VERSION,
                        file.file(),
                        0,
                        file.script() + " has version " + file.version() + ", like " + earlier.script() + ".",
                        "Give the newer one the next free version; Flyway refuses two migrations with one version.",
                        NEW_MIGRATION));
            }
        }
        return findings;
    }

    private static List<Finding> lockFindings(MigrationLock lock, List<MigrationFile> files, boolean outOfOrder) {
        List<Finding> findings = new ArrayList<>(lock.problems());
        if (!lock.problems().isEmpty()) {
            return findings; // a conflicted or hand-edited lock says nothing reliable about the files
        }
        Map<MigrationVersion, MigrationFile> byVersion = new LinkedHashMap<>();
        versioned(files).forEach(file -> byVersion.putIfAbsent(MigrationVersion.fromVersion(file.version()), file));
        MigrationVersion highestLocked = MigrationVersion.EMPTY;
        for (MigrationLock.Entry entry : lock.entries()) {
            MigrationFile file = byVersion.remove(entry.flywayVersion());
            lockedFinding(lock.file(), entry, file).ifPresent(findings::add);
            if (entry.flywayVersion().compareTo(highestLocked) > 0) {
                highestLocked = entry.flywayVersion();
            }
        }
        for (MigrationFile unlocked : byVersion.values()) {
            findings.add(unlockedFinding(unlocked, highestLocked, outOfOrder));
        }
        return findings;
    }

    private static Optional<Finding> lockedFinding(Path lockFile, MigrationLock.Entry entry, MigrationFile file) {
        if (file == null) {
            return Optional.of(Finding.of(
                    FindingCode.LOCKED_REMOVED,
                    lockFile,
                    0,
                    "The released migration " + entry.script() + " (version " + entry.version() + ") is gone.",
                    "Restore it from version control: databases that applied it still list it. To undo what it did,"
                            + " add a new migration.",
                    NEW_MIGRATION));
        }
        if (!file.script().equals(entry.script())) {
            return Optional.of(Finding.of(
                    FindingCode.LOCKED_RENAMED,
                    file.file(),
                    0,
                    "The released migration " + entry.script() + " is now named " + file.script() + ".",
                    "Rename it back: Flyway's history records the old name, and validate fails on the new one."));
        }
        if (file.checksum() != entry.checksum()) {
            return Optional.of(Finding.of(
                    FindingCode.LOCKED_EDITED,
                    file.file(),
                    0,
                    "The released migration " + file.script() + " was edited (checksum " + file.checksum()
                            + ", released as " + entry.checksum() + ").",
                    "Restore it from version control and put the change in a new migration; databases that applied"
                            + " it would fail Flyway's validate.",
                    NEW_MIGRATION));
        }
        return Optional.empty();
    }

    private static Finding unlockedFinding(MigrationFile file, MigrationVersion highestLocked, boolean outOfOrder) {
        if (MigrationVersion.fromVersion(file.version()).compareTo(highestLocked) < 0) {
            return new Finding(
                    FindingCode.OUT_OF_ORDER,
                    outOfOrder ? Level.WARNING : Level.ERROR,
                    file.file(),
                    0,
                    file.script() + " is new, but its version is below " + highestLocked
                            + ", already released: databases at that version never apply it"
                            + (outOfOrder ? " unless outOfOrder stays on." : "."),
                    "Rename it with a version above " + highestLocked + ".",
                    NEW_MIGRATION);
        }
        return Finding.of(
                FindingCode.NOT_LOCKED,
                file.file(),
                0,
                file.script() + " is not in " + MigrationLock.FILE_NAME + " yet.",
                "When it is final, record it in the lock file in the same change, so that a second branch adding"
                        + " the same version conflicts there.",
                MigrationLock.UPDATE);
    }

    private static List<MigrationFile> versioned(List<MigrationFile> files) {
        return files.stream().filter(file -> file.kind() == Kind.VERSIONED).toList();
    }
}
