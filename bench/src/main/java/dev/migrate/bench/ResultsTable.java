package dev.migrate.bench;

import dev.migrate.bench.ResultRow.Verdict;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/** The markdown the benchmark writes to bench/results.md and prints. */
final class ResultsTable {

    private ResultsTable() {}

    /** @param failure why the benchmark stopped early, or null when it ran to the end */
    static String markdown(Options options, List<ResultRow> rows, Duration took, String failure) {
        StringBuilder text = new StringBuilder();
        text.append("# Benchmark results\n\n");
        text.append("Command: `bench/run")
                .append(options.quick() ? " --quick" : "")
                .append("` (")
                .append(options.runs())
                .append(" measured runs per scenario and side after a warm-up; took ")
                .append(took.toMinutes())
                .append(" min ")
                .append(took.toSecondsPart())
                .append(" s).\n");
        text.append("Plugin ")
                .append(options.pluginVersion())
                .append(" against flyway-maven-plugin ")
                .append(BenchProject.FLYWAY_PLUGIN_VERSION)
                .append(" (running Flyway ")
                .append(BenchProject.FLYWAY_VERSION)
                .append(") + jooq-codegen-maven ")
                .append(BenchProject.JOOQ_VERSION)
                .append(" on PostgreSQL ")
                .append(options.binariesVersion())
                .append("; ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ")
                .append(System.getProperty("java.version"))
                .append(", load average at the end ")
                .append(String.format(
                        "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(".\n");
        text.append("Times are whole Maven invocations (`mvn -B -q -o`): median (min–max). Ratios are medians of the"
                + " per-run ratios, plugin run i against peer run i.\n\n");
        text.append("| scenario | set | peer | plugin | ratio | target | verdict |\n");
        text.append("|---|---|---|---|---|---|---|\n");
        for (ResultRow row : rows) {
            text.append(row.markdown()).append('\n');
        }
        if (failure != null) {
            text.append("\n**The benchmark stopped early**, the table holds what it measured until then:\n\n```\n")
                    .append(failure)
                    .append("\n```\n");
        }
        long missed = rows.stream().filter(row -> row.verdict() == Verdict.MISS).count();
        long notMeasured = rows.stream()
                .filter(row -> row.verdict() == Verdict.NOT_MEASURED)
                .count();
        text.append('\n').append(missed == 0 ? "Every measured target is met." : missed + " target(s) missed.");
        if (notMeasured > 0) {
            text.append(' ')
                    .append(notMeasured)
                    .append(" target(s) not measured: the installed plugin lacks the" + " goal they need.");
        }
        return text.append('\n').toString();
    }
}
