package dev.migrate.drift;

import dev.migrate.drift.Drift.Kind;
import dev.migrate.drift.SchemaSnapshot.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The differences between the schema the migrations produce and the target's, one {@link Drift} per object: a table
 * that is missing or extra is one finding, not one more for each of its columns, constraints, indexes and triggers.
 */
public final class SchemaDiff {

    /** Longer values (bodies, view definitions) are shown by their first differing line. */
    private static final int SHORT_VALUE = 60;

    private SchemaDiff() {}

    /** The drift of {@code actual} from {@code expected}, by object type in report order, then by name. */
    public static List<Drift> between(SchemaSnapshot expected, SchemaSnapshot actual) {
        Set<Key> keys = new TreeSet<>();
        expected.keys().forEach(keys::add);
        actual.keys().forEach(keys::add);
        Set<String> addedNames = namesOnlyIn(actual, expected);
        Set<String> removedNames = namesOnlyIn(expected, actual);
        List<Drift> drifts = new ArrayList<>();
        for (Key key : keys) {
            SchemaObject wanted = expected.find(key);
            SchemaObject found = actual.find(key);
            if (wanted == null) {
                if (!addedNames.contains(found.parent())) {
                    drifts.add(new Drift(Kind.ADDED, key.type(), key.name(), "", Hints.drop(found)));
                }
            } else if (found == null) {
                if (!removedNames.contains(wanted.parent())) {
                    drifts.add(new Drift(Kind.REMOVED, key.type(), key.name(), "", Hints.create(wanted, expected)));
                }
            } else if (!wanted.attributes().equals(found.attributes())) {
                drifts.add(new Drift(
                        Kind.CHANGED,
                        key.type(),
                        key.name(),
                        detail(wanted, found),
                        Hints.change(wanted, found, expected)));
            }
        }
        return List.copyOf(drifts);
    }

    private static Set<String> namesOnlyIn(SchemaSnapshot snapshot, SchemaSnapshot other) {
        Set<String> names = new TreeSet<>();
        for (Key key : snapshot.keys()) {
            if (other.find(key) == null) {
                names.add(key.name());
            }
        }
        return names;
    }

    private static String detail(SchemaObject wanted, SchemaObject found) {
        return wanted.attributes().entrySet().stream()
                .filter(attribute ->
                        !Objects.equals(attribute.getValue(), found.attributes().get(attribute.getKey())))
                .map(attribute -> change(attribute, found.attributes().get(attribute.getKey())))
                .collect(Collectors.joining("; "));
    }

    private static String change(Map.Entry<String, String> wanted, String found) {
        String from = wanted.getValue();
        if (isShort(from) && isShort(found)) {
            return wanted.getKey() + " " + shown(from) + " -> " + shown(found);
        }
        String[] fromLines = String.valueOf(from).split("\n", -1);
        String[] foundLines = String.valueOf(found).split("\n", -1);
        int line = 0;
        while (line < fromLines.length && line < foundLines.length && fromLines[line].equals(foundLines[line])) {
            line++;
        }
        return wanted.getKey() + " differs from line " + (line + 1) + ": " + shown(lineOf(fromLines, line)) + " -> "
                + shown(lineOf(foundLines, line));
    }

    private static boolean isShort(String value) {
        return value == null || value.length() <= SHORT_VALUE && !value.contains("\n");
    }

    private static String lineOf(String[] lines, int line) {
        return line < lines.length ? lines[line].strip() : null;
    }

    private static String shown(String value) {
        return value == null ? "none" : value.isEmpty() ? "''" : value;
    }
}
