package dev.migrate.check;

import dev.migrate.digest.Sha256;
import dev.migrate.error.Action;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.files.AtomicFile;
import dev.migrate.migration.internals.MigrationFile;
import dev.migrate.migration.internals.MigrationFile.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The lock file, {@value #FILE_NAME}, committed beside the migrations (like Atlas's {@code atlas.sum}): one line per
 * released versioned migration with its version, Flyway's checksum and its script, under a digest line of all of them.
 * A released migration edited, removed or renamed no longer matches its line. Two branches that each lock a new
 * migration both change the digest line, so their merge conflicts in this file: the signal that they may have added
 * the same version. The digest also tells a hand-edited or badly merged file from one this class wrote.
 *
 * @param file    where it lives
 * @param entries the migrations it holds, in the order of its lines
 * @param problems what is wrong with the file itself (conflict markers, bad lines, digest, duplicate versions)
 */
public record MigrationLock(Path file, List<Entry> entries, List<Finding> problems) {

    public static final String FILE_NAME = "migrations.lock";

    static final String DIGEST_PREFIX = "digest sha256:";

    /** Rewriting the file from the migrations: what fixes a lock file that no longer matches them. */
    static final Suggestion UPDATE = new Suggestion.Run(Action.UPDATE_LOCK);

    private static final List<String> CONFLICT_MARKERS = List.of("<<<<<<<", "=======", ">>>>>>>", "|||||||");

    public MigrationLock {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /**
     * One released migration.
     *
     * @param version  its version as written in its file name
     * @param checksum the checksum Flyway records for it
     * @param script   its path relative to its location, as Flyway records it
     */
    public record Entry(String version, int checksum, String script) {

        MigrationVersion flywayVersion() {
            return MigrationVersion.fromVersion(version);
        }
    }

    /** The lock file of migrations whose first filesystem location is {@code folder}. */
    public static Path fileIn(Path folder) {
        return folder.resolve(FILE_NAME);
    }

    /** The lock file in {@code folder}, or empty when the project has none. */
    public static Optional<MigrationLock> read(Path folder) {
        Path file = fileIn(folder);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(file, Files.readAllLines(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot read " + file + ": " + e, e);
        }
    }

    /**
     * Records the versioned migrations among {@code files} as released, replacing the lock file in one step. Refuses
     * when a file's name cannot be locked (it must be a valid Flyway name on one line) or when two share a version.
     *
     * @param renderer names the command that rewrites the file, for its header
     */
    public static Path update(Path folder, List<MigrationFile> files, Function<Suggestion, String> renderer) {
        List<Entry> entries = new ArrayList<>();
        for (MigrationFile migration : files) {
            if (migration.kind() == Kind.INVALID) {
                throw new UserMistakeException("Cannot lock the migrations: " + migration.invalidName() + ". Rename "
                        + migration.script() + " as Flyway expects, then update the lock file again.");
            }
            if (migration.kind() == Kind.VERSIONED) {
                if (migration.script().contains("\n") || migration.script().contains("\r")) {
                    throw new UserMistakeException(
                            "Cannot lock the migration '" + migration.script().strip()
                                    + "': its file name holds a line break. Rename it without one.");
                }
                entries.add(new Entry(migration.version(), migration.checksum(), migration.script()));
            }
        }
        entries.sort(Comparator.comparing(Entry::flywayVersion));
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).flywayVersion().equals(entries.get(i - 1).flywayVersion())) {
                throw new UserMistakeException(
                        "Cannot lock the migrations: " + entries.get(i - 1).script() + " and "
                                + entries.get(i).script() + " have the same version. Give one of them the next free"
                                + " version, then update the lock file again.",
                        new Suggestion.Run(Action.NEW_MIGRATION));
            }
        }
        Path file = fileIn(folder);
        try {
            AtomicFile.writeString(file, render(entries, renderer));
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot write " + file + ": " + e, e);
        }
        return file;
    }

    /** The file's text for {@code entries}: deterministic, so that the same migrations give the same bytes. */
    private static String render(List<Entry> entries, Function<Suggestion, String> renderer) {
        List<String> lines = entries.stream().map(MigrationLock::line).toList();
        StringBuilder text = new StringBuilder(header(renderer))
                .append(DIGEST_PREFIX)
                .append(digest(lines))
                .append('\n');
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** The comment on top; outside the digest, so that a lock file stays valid when its wording changes. */
    private static String header(Function<Suggestion, String> renderer) {
        return "# The released Flyway migrations and their checksums, checked by the plugin. Never edit or merge this\n"
                + "# file by hand: rewrite it when you release.\n"
                + "# " + renderer.apply(UPDATE) + "\n"
                + "# A merge conflict here means two branches released migrations: see docs/check.md.\n";
    }

    private static String line(Entry entry) {
        return entry.version() + " " + entry.checksum() + " " + entry.script();
    }

    private static String digest(List<String> lines) {
        byte[] joined = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(Sha256.of(joined));
    }

    static MigrationLock parse(Path file, List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        List<String> entryLines = new ArrayList<>();
        List<Integer> entryNumbers = new ArrayList<>();
        List<Finding> problems = new ArrayList<>();
        String digest = null;
        int digestLine = 0;
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (CONFLICT_MARKERS.stream().anyMatch(line::startsWith)) {
                if (problems.stream().noneMatch(problem -> problem.code() == FindingCode.LOCK_CONFLICT)) {
                    problems.add(Finding.of(
                            FindingCode.LOCK_CONFLICT,
                            file,
                            number,
                            FILE_NAME + " has merge conflict markers: two branches released migrations.",
                            "Keep neither side: take the migrations of both branches, give any version that both"
                                    + " added a new number, then rewrite the file.",
                            UPDATE));
                }
            } else if (line.startsWith(DIGEST_PREFIX)) {
                // both sides' digest lines in a conflict: the first one stands for the file
                if (digest == null) {
                    digest = line.substring(DIGEST_PREFIX.length());
                    digestLine = number;
                }
            } else {
                Optional<Entry> entry = parseEntry(line);
                if (entry.isPresent()) {
                    entries.add(entry.get());
                    entryLines.add(line);
                    entryNumbers.add(number);
                } else {
                    problems.add(Finding.of(
                            FindingCode.LOCK_MALFORMED,
                            file,
                            number,
                            "This line of " + FILE_NAME + " is not '<version> <checksum> <script>': " + line,
                            "Rewrite the file instead of editing it.",
                            UPDATE));
                }
            }
        }
        duplicateVersions(file, entries, entryNumbers, problems);
        boolean conflicted = problems.stream().anyMatch(p -> p.code() == FindingCode.LOCK_CONFLICT);
        if (!conflicted && !digest(entryLines).equals(digest)) {
            problems.add(Finding.of(
                    FindingCode.LOCK_DIGEST,
                    file,
                    digestLine,
                    FILE_NAME + " does not match its digest line: it was edited or merged by hand.",
                    "Check its lines against the released migrations, then rewrite it.",
                    UPDATE));
        }
        return new MigrationLock(file, entries, problems);
    }

    private static Optional<Entry> parseEntry(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 3 || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            MigrationVersion.fromVersion(parts[0]);
            return Optional.of(new Entry(parts[0], Integer.parseInt(parts[1]), parts[2]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void duplicateVersions(
            Path file, List<Entry> entries, List<Integer> lineNumbers, List<Finding> problems) {
        for (int i = 0; i < entries.size(); i++) {
            for (int j = 0; j < i; j++) {
                // the same line on both sides of a conflict is one migration, not two
                if (entries.get(i).flywayVersion().equals(entries.get(j).flywayVersion())
                        && !entries.get(i).equals(entries.get(j))) {
                    problems.add(Finding.of(
                            FindingCode.LOCK_DUPLICATE_VERSION,
                            file,
                            lineNumbers.get(i),
                            "Version " + entries.get(i).version() + " is in " + FILE_NAME + " twice: "
                                    + entries.get(j).script() + " and "
                                    + entries.get(i).script()
                                    + " (two branches added the same version).",
                            "Keep the migration that was released first; give the other the next free version,"
                                    + " then rewrite the file.",
                            UPDATE));
                }
            }
        }
    }
}
