package dev.migrate.info;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.migration.MigrationRow;
import dev.migrate.migration.StatusReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Renders a {@link StatusReport} as a text table for people or as JSON for machines. */
public enum StatusFormat {
    TABLE {
        @Override
        public String render(StatusReport report) {
            return table(report);
        }
    },
    JSON {
        @Override
        public String render(StatusReport report) {
            try {
                return JsonMapper.builder()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .build()
                        .writeValueAsString(report);
            } catch (JacksonException e) {
                throw new EnvironmentFailureException("Cannot write the migration status as JSON", e);
            }
        }
    };

    public abstract String render(StatusReport report);

    private record Column(String title, Function<MigrationRow, String> value) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("Category", MigrationRow::category),
            new Column("Version", MigrationRow::version),
            new Column("Description", MigrationRow::description),
            new Column("Type", MigrationRow::type),
            new Column("Installed On", MigrationRow::installedOn),
            new Column("State", MigrationRow::state),
            new Column("Execution Time", row -> row.executionTime() == null ? "" : row.executionTime() + " ms"));

    private static String table(StatusReport report) {
        int[] widths =
                COLUMNS.stream().mapToInt(column -> column.title().length()).toArray();
        for (MigrationRow row : report.migrations()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] =
                        Math.max(widths[i], COLUMNS.get(i).value().apply(row).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("Migrations of " + report.database() + ":");
        String border = border(widths);
        lines.add(border);
        lines.add(line(widths, COLUMNS.stream().map(Column::title).toList()));
        lines.add(border);
        for (MigrationRow row : report.migrations()) {
            lines.add(line(
                    widths,
                    COLUMNS.stream().map(column -> column.value().apply(row)).toList()));
        }
        if (report.migrations().isEmpty()) {
            lines.add("| No migrations found");
        }
        lines.add(border);
        lines.add("Current version: "
                + (report.currentVersion() == null ? "none (empty database)" : report.currentVersion())
                + "; pending migrations: " + report.pending() + failedSummary(report));
        return String.join("\n", lines);
    }

    private static String failedSummary(StatusReport report) {
        if (report.failed().isEmpty()) {
            return "";
        }
        return "; FAILED migrations: " + report.failed().size() + " (" + String.join(", ", report.failed())
                + "), which stop every upgrade. " + report.nextStep();
    }

    private static String border(int[] widths) {
        StringBuilder border = new StringBuilder("+");
        for (int width : widths) {
            border.append("-".repeat(width + 2)).append('+');
        }
        return border.toString();
    }

    private static String line(int[] widths, List<String> cells) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            line.append(' ')
                    .append(String.format("%-" + widths[i] + "s", cells.get(i)))
                    .append(" |");
        }
        return line.toString();
    }
}
