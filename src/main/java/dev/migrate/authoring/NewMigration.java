package dev.migrate.authoring;

import dev.migrate.error.Action;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.files.AtomicFile;
import dev.migrate.migration.FlywayFactory;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.MigrationFile;
import dev.migrate.migration.internals.MigrationFile.Kind;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Writes the next migration file into the first filesystem location: {@code V<next>__add_stock_to_products.sql} from
 * the free text "add stock to products", numbered in the project's own style ({@link NextVersion}) with Flyway's
 * configured prefix, separator and suffix, and a header comment. A name Flyway would refuse is never written, and an
 * existing file is never replaced. The lock file is left alone: a new migration is not released yet (docs/new.md).
 */
public final class NewMigration {

    /** The prefix of Flyway's undo migrations (a Flyway Teams feature): same version and description as the V file. */
    static final String UNDO_PREFIX = "U";

    private NewMigration() {}

    /**
     * What to create.
     *
     * @param settings   the project's migration settings; the file goes into the first {@code filesystem:} location
     * @param name       the migration's name in free text, e.g. "add stock to products"
     * @param repeatable an {@code R__} file instead of a versioned one
     * @param undo       also an undo file {@code U<version>__...} beside the versioned one
     * @param renderer   names the command that creates the next migration, for a versioned file's header
     */
    public record Request(
            MigrationSettings settings,
            String name,
            boolean repeatable,
            boolean undo,
            Function<Suggestion, String> renderer) {}

    /** Creates the file(s) and returns their paths, the migration first. */
    public static List<Path> create(Request request, Clock clock) {
        if (request.repeatable() && request.undo()) {
            throw new UserMistakeException(
                    "A repeatable migration has no undo migration: Flyway applies it again whenever it changes. Ask"
                            + " for no undo migration, or for a versioned migration.",
                    new Suggestion.Change(Setting.NEW_UNDO));
        }
        String description = description(request.name());
        Path folder = request.settings()
                .firstFilesystemLocation()
                .orElseThrow(() -> new UserMistakeException(
                        "A new migration goes into the first filesystem location, and the locations have none. Add"
                                + " one, e.g. filesystem:src/main/resources/db/migration.",
                        new Suggestion.Change(Setting.LOCATIONS)));
        createFolder(folder);
        Configuration configuration = FlywayFactory.withoutDatabase(request.settings());
        List<MigrationFile> existing = FlywayInternals.scan(configuration);
        String suffix = configuration.getSqlMigrationSuffixes()[0];
        List<NewFile> files = new ArrayList<>();
        if (request.repeatable()) {
            refuseSecondRepeatable(existing, description);
            String name = configuration.getRepeatableSqlMigrationPrefix()
                    + configuration.getSqlMigrationSeparator()
                    + description
                    + suffix;
            files.add(new NewFile(folder.resolve(name), repeatableHeader(name, description)));
        } else {
            String version = NextVersion.after(highestVersion(existing), LocalDateTime.now(clock));
            String rest = version + configuration.getSqlMigrationSeparator() + description + suffix;
            String name = configuration.getSqlMigrationPrefix() + rest;
            files.add(new NewFile(folder.resolve(name), versionedHeader(name, description, request.renderer())));
            if (request.undo()) {
                files.add(new NewFile(folder.resolve(UNDO_PREFIX + rest), undoHeader(UNDO_PREFIX + rest, name)));
            }
        }
        checkAcceptedByFlyway(configuration, files.get(0).path());
        files.forEach(NewFile::refuseExisting);
        files.forEach(NewFile::write);
        return files.stream().map(NewFile::path).toList();
    }

    /** Free text as a description Flyway accepts: letters and digits, runs of anything else as one underscore. */
    static String description(String name) {
        String text = name == null ? "" : name;
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String description = ascii.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (description.isEmpty()) {
            throw new UserMistakeException(
                    "The migration needs a name with a letter or digit in it, e.g. \"add stock to products\""
                            + (text.isBlank() ? "." : "; '" + text + "' has none."),
                    new Suggestion.Change(Setting.NEW_NAME));
        }
        return description;
    }

    private static String highestVersion(List<MigrationFile> existing) {
        return existing.stream()
                .filter(file -> file.kind() == Kind.VERSIONED)
                .max(Comparator.comparing(file -> MigrationVersion.fromVersion(file.version())))
                .map(MigrationFile::version)
                .orElse(null);
    }

    private static void refuseSecondRepeatable(List<MigrationFile> existing, String description) {
        existing.stream()
                .filter(file ->
                        file.kind() == Kind.REPEATABLE && file.description().equals(description.replace('_', ' ')))
                .findFirst()
                .ifPresent(file -> {
                    throw new UserMistakeException(
                            "A repeatable migration named '" + description.replace('_', ' ') + "' exists: "
                                    + file.script() + ". Edit it (Flyway applies it again when it changes), or"
                                    + " choose another name.",
                            new Suggestion.Change(Setting.NEW_NAME));
                });
    }

    private static void checkAcceptedByFlyway(Configuration configuration, Path file) {
        FlywayInternals.refusedName(configuration, file.getFileName().toString())
                .ifPresent(reason -> {
                    throw new UserMistakeException(
                            "Flyway would refuse the name " + file.getFileName() + ": " + reason + ". Check the"
                                    + " Flyway settings sqlMigrationPrefix, sqlMigrationSeparator and"
                                    + " sqlMigrationSuffixes.",
                            new Suggestion.Change(Setting.FLYWAY));
                });
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot create the migration folder " + folder + ": " + e, e);
        }
    }

    private static String versionedHeader(String name, String description, Function<Suggestion, String> renderer) {
        return "-- " + name + ": " + description.replace('_', ' ') + "\n"
                + "-- Flyway applies this migration once. Once it is released, never edit it: change the schema in a\n"
                + "-- new migration. " + renderer.apply(new Suggestion.Run(Action.NEW_MIGRATION)) + "\n\n";
    }

    private static String repeatableHeader(String name, String description) {
        return "-- " + name + ": " + description.replace('_', ' ') + "\n"
                + "-- Flyway applies this migration again whenever it changes, after the versioned ones: keep it\n"
                + "-- re-runnable (CREATE OR REPLACE ...).\n\n";
    }

    private static String undoHeader(String name, String undone) {
        return "-- " + name + ": undoes " + undone + "\n" + "-- Revert what " + undone
                + " does, its last change first.\n\n";
    }

    private record NewFile(Path path, String text) {

        void refuseExisting() {
            if (Files.exists(path)) {
                throw exists();
            }
        }

        void write() {
            try {
                AtomicFile.writeNewString(path, text);
            } catch (FileAlreadyExistsException e) {
                throw exists();
            } catch (IOException e) {
                throw new EnvironmentFailureException("Cannot write " + path + ": " + e, e);
            }
        }

        private UserMistakeException exists() {
            return new UserMistakeException(
                    path + " exists, and a new migration never replaces a file. Edit it, or choose another name.",
                    new Suggestion.Change(Setting.NEW_NAME));
        }
    }
}
