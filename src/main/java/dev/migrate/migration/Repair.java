package dev.migrate.migration;

import dev.migrate.database.OpenDatabase;
import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.log.BuildLog;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway's repair: removes the rows of failed migrations, realigns checksums, descriptions and types with the files,
 * and marks applied migrations whose files are gone as deleted. Reports each row it changed, and nothing else.
 *
 * <p>The report compares the history table before and after: Flyway's own result names the realigned rows but not
 * what differed, and its public API does not expose the file's description and type.
 */
public final class Repair {

    private Repair() {}

    public static RepairResult repair(OpenDatabase database, MigrationSettings settings, BuildLog log) {
        FluentConfiguration configuration = FlywayFactory.configure(settings, database.dataSource(), log);
        FlywayLock.boundFlywaysWait(configuration, settings, database);
        Flyway flyway = configuration.load();
        String historyTable = HistoryTable.qualifiedName(flyway, database.dataSource());
        RepairResult result = FlywayLock.whileHolding(database, flyway, log, () -> {
            Map<Integer, HistoryRow> before = rows(database, historyTable);
            flyway.repair();
            return new RepairResult(database.displayName(), changes(before, rows(database, historyTable)));
        });
        result.changes().forEach(change -> log.info(change + " (" + database.displayName() + ")"));
        return result;
    }

    private static Map<Integer, HistoryRow> rows(OpenDatabase database, String historyTable) {
        try {
            return HistoryTable.rows(database.dataSource(), historyTable);
        } catch (SQLException e) {
            throw database.explain(new EnvironmentFailureException(
                    "Cannot read " + historyTable + " of " + database.displayName() + ": " + e.getMessage(), e));
        }
    }

    private static List<String> changes(Map<Integer, HistoryRow> before, Map<Integer, HistoryRow> after) {
        List<String> changes = new ArrayList<>();
        before.forEach((rank, row) -> {
            HistoryRow now = after.get(rank);
            if (now == null) {
                changes.add("Removed the " + (row.success() ? "" : "failed ") + "row of " + row.name());
            } else if (!now.equals(row)) {
                changes.add("Realigned " + now.name() + ": " + differences(row, now));
            }
        });
        after.forEach((rank, row) -> {
            if (!before.containsKey(rank)) {
                changes.add(
                        "DELETE".equals(row.type())
                                ? "Marked " + row.name() + " as deleted: its file is gone"
                                : "Added " + row.type() + " row of " + row.name());
            }
        });
        return changes;
    }

    private static String differences(HistoryRow before, HistoryRow after) {
        List<String> differences = new ArrayList<>();
        if (!Objects.equals(before.checksum(), after.checksum())) {
            differences.add("checksum " + before.checksum() + " -> " + after.checksum());
        }
        if (!Objects.equals(before.description(), after.description())) {
            differences.add("description '" + before.description() + "' -> '" + after.description() + "'");
        }
        if (!Objects.equals(before.type(), after.type())) {
            differences.add("type " + before.type() + " -> " + after.type());
        }
        if (!Objects.equals(before.script(), after.script())) {
            differences.add("script " + before.script() + " -> " + after.script());
        }
        return String.join(", ", differences);
    }
}
