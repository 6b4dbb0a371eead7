package dev.migrate.downgrade;

import dev.migrate.migration.internals.ParsedStatement;
import java.util.List;

/**
 * The undo script of one applied version, Flyway's {@code U<version>__<description>.sql} beside its
 * {@code V<version>__<description>.sql}, read and split as Flyway reads and splits a migration; or a repeatable
 * migration that a downgrade runs again after the undos (then without a version).
 *
 * @param version              the version it undoes, as the history table writes it; {@code null} for a repeatable
 * @param description          its description, from its file name
 * @param script               its path relative to its location, as Flyway names a script in the history table
 * @param checksum             Flyway's checksum of the file (before placeholder replacement, as for a versioned one;
 *                             after it for a repeatable)
 * @param executeInTransaction whether Flyway would run it in one transaction (no statement that cannot run in one,
 *                             and no {@code executeInTransaction=false} in its {@code .conf} file)
 * @param statements           its statements as Flyway's parser splits them, placeholders replaced
 */
public record UndoScript(
        String version,
        String description,
        String script,
        int checksum,
        boolean executeInTransaction,
        List<ParsedStatement> statements) {

    public UndoScript {
        statements = List.copyOf(statements);
    }
}
