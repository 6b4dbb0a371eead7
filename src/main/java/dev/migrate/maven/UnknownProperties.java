package dev.migrate.maven;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code -Dmigrate.*} properties of a build that a goal does not read: a typo such as {@code migrate.tagret}
 * would otherwise pass in silence. The map parameters' prefixes ({@code migrate.flyway.},
 * {@code migrate.placeholders.}, {@code migrate.lint.rules.}) take any name and are checked by Flyway or the lint.
 */
final class UnknownProperties {

    static final String PREFIX = "migrate.";
    private static final List<String> MAP_PREFIXES =
            List.of(PropertyNames.FLYWAY_PREFIX, PropertyNames.PLACEHOLDERS_PREFIX, PropertyNames.LINT_RULES_PREFIX);

    private UnknownProperties() {}

    /**
     * One warning per given property that no goal of the plugin reads, naming the closest one; and, when the goal was
     * typed on the command line, per property that only other goals read (a goal bound to the lifecycle shares the
     * build's properties with the goals beside it, which may read them).
     *
     * @param goal the running goal's name
     * @param given the build's user and system property names
     * @param readByGoal the properties the running goal reads
     * @param readByPlugin the properties any goal of the plugin reads, by goal
     * @param typedOnCommandLine whether the user asked for this goal by name
     */
    static List<String> warnings(
            String goal,
            Collection<String> given,
            Set<String> readByGoal,
            Collection<PluginGoal> readByPlugin,
            boolean typedOnCommandLine) {
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(given)) {
            if (!name.startsWith(PREFIX) || readByGoal.contains(name) || isMapEntry(name)) {
                continue;
            }
            List<String> readers = readByPlugin.stream()
                    .filter(other -> other.properties().contains(name))
                    .map(PluginGoal::goal)
                    .toList();
            if (readers.isEmpty()) {
                Set<String> known = new TreeSet<>(readByGoal);
                readByPlugin.forEach(other -> known.addAll(other.properties()));
                warnings.add("-D" + name + " is not a property of migrate-maven-plugin and is ignored; did you mean "
                        + closest(name, known) + "?");
            } else if (typedOnCommandLine) {
                warnings.add("-D" + name + " is ignored by migrate:" + goal + "; it is read by "
                        + String.join(
                                ", ",
                                readers.stream()
                                        .map(reader -> "migrate:" + reader)
                                        .toList()));
            }
        }
        return warnings;
    }

    private static boolean isMapEntry(String name) {
        return MAP_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** A goal of the plugin and the properties it reads. */
    record PluginGoal(String goal, Set<String> properties) {}

    private static String closest(String name, Collection<String> known) {
        return known.stream()
                .min(Comparator.comparingInt((String candidate) -> editDistance(name, candidate))
                        .thenComparing(Comparator.naturalOrder()))
                .orElse(PropertyNames.SKIP);
    }

    /** Levenshtein's distance: the fewest inserted, deleted or replaced characters that make one the other. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
