package dev.migrate.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What bench/run passes to the harness: where things are, and how much to measure.
 *
 * @param quick           a smoke test: the small set only, fewer runs
 * @param runs            measured runs per scenario and side, after the warm-up
 * @param work            the work directory (under bench/target), recreated
 * @param mvn             the Maven launcher every measured build uses
 * @param settings        the settings.xml that seeds the private repository from the user's
 * @param repository      the benchmark's private local repository, holding the plugin under test
 * @param pluginVersion   the version of the plugin under test
 * @param binariesJar     the embedded PostgreSQL binaries jar the plugin resolves
 * @param binariesVersion their version, e.g. 17.6.0
 * @param corpora         the real corpora (marquez), the project's copy in src/test/resources/corpora
 * @param results         where the markdown table goes
 */
record Options(
        boolean quick,
        int runs,
        Path work,
        Path mvn,
        Path settings,
        Path repository,
        String pluginVersion,
        Path binariesJar,
        String binariesVersion,
        Path corpora,
        Path results) {

    static Options parse(String[] arguments) {
        Map<String, String> values = new HashMap<>();
        for (String argument : arguments) {
            if (!argument.startsWith("--")) {
                throw new BenchmarkFailure("Unknown argument " + argument + "; see docs/benchmark.md");
            }
            int equals = argument.indexOf('=');
            values.put(
                    equals < 0 ? argument.substring(2) : argument.substring(2, equals),
                    equals < 0 ? "true" : argument.substring(equals + 1));
        }
        boolean quick = Boolean.parseBoolean(values.getOrDefault("quick", "false"));
        return new Options(
                quick,
                Integer.parseInt(values.getOrDefault("runs", quick ? "2" : "3")),
                path(values, "work"),
                path(values, "mvn"),
                path(values, "settings"),
                path(values, "repository"),
                required(values, "plugin-version"),
                path(values, "binaries-jar"),
                required(values, "binaries-version"),
                path(values, "corpora"),
                path(values, "results"));
    }

    private static Path path(Map<String, String> values, String name) {
        return Path.of(required(values, name)).toAbsolutePath();
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new BenchmarkFailure("Missing --" + name + "=...; run the benchmark through bench/run");
        }
        return value;
    }
}
