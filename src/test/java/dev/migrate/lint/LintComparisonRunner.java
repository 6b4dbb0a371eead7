package dev.migrate.lint;

import dev.migrate.database.OpenDatabase;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.migration.Migrator;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The plugin's side of bench/lint-vs-squawk (not a test): lints each folder of migrations, every file, on the tests'
 * embedded PostgreSQL (a new database for each folder) and prints one tab-separated line per hazard,
 * {@code folder <TAB> script <TAB> line <TAB> code}; with {@code --time N}, migrates the folder and lints it N times
 * each (alternately, a new database each time) and prints the median of each in milliseconds.
 *
 * <pre>java ... dev.migrate.lint.LintComparisonRunner [--skip-version 1] [--time N] &lt;folder&gt;...</pre>
 *
 * {@code --skip-version 1} lints every file but the version-1 ones, which set the hazard corpus's cases up.
 */
public final class LintComparisonRunner {

    private LintComparisonRunner() {}

    public static void main(String[] arguments) throws Exception {
        String skipped = option(arguments, "--skip-version");
        String runs = option(arguments, "--time");
        for (String folder : folders(arguments)) {
            MigrationSettings migrations = TestMigrations.in(Path.of(folder).toAbsolutePath());
            if (runs != null) {
                time(migrations, Integer.parseInt(runs));
            } else {
                lint(folder, migrations, skipped);
            }
        }
        System.exit(0); // the tests' embedded server stops with the JVM
    }

    private static void lint(String folder, MigrationSettings migrations, String skipped) {
        try (OpenDatabase throwaway = TestPostgres.openNewDatabase()) {
            for (Hazard hazard : Linter.lint(
                    migrations,
                    throwaway,
                    file -> skipped == null || !skipped.equals(file.version()),
                    TestPostgres.quietLog())) {
                System.out.println(folder + "\t" + hazard.script() + "\t" + hazard.line() + "\t"
                        + hazard.rule().id());
            }
        }
    }

    private static void time(MigrationSettings migrations, int runs) {
        List<Long> migrate = new ArrayList<>();
        List<Long> lint = new ArrayList<>();
        Supplier<OpenDatabase> throwaway = TestPostgres::openNewDatabase;
        for (int run = 0; run < runs; run++) {
            migrate.add(millis(() -> {
                try (OpenDatabase database = throwaway.get()) {
                    Migrator.upgrade(database, migrations, TestPostgres.quietLog());
                }
            }));
            lint.add(millis(() -> LintRun.run(
                    new LintRun.Request(migrations, true, null, Map.of(), throwaway), TestPostgres.quietLog())));
        }
        System.out.println("migrate\t" + median(migrate) + "\t" + migrate);
        System.out.println("lint\t" + median(lint) + "\t" + lint);
    }

    private static long millis(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static List<String> folders(String[] arguments) {
        List<String> folders = new ArrayList<>();
        for (int index = 0; index < arguments.length; index++) {
            if (arguments[index].startsWith("--")) {
                index++;
            } else {
                folders.add(arguments[index]);
            }
        }
        return folders;
    }

    private static String option(String[] arguments, String name) {
        for (int index = 0; index + 1 < arguments.length; index++) {
            if (arguments[index].equals(name)) {
                return arguments[index + 1];
            }
        }
        return null;
    }
}
