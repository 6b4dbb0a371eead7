package dev.migrate.offline;

import static dev.migrate.offline.ScriptValues.comment;
import static dev.migrate.offline.ScriptValues.literal;

import dev.migrate.downgrade.UndoHistory;
import dev.migrate.downgrade.UndoScript;
import dev.migrate.error.UserMistakeException;
import dev.migrate.migration.internals.FlywayInternals;
import dev.migrate.migration.internals.ParsedStatement;
import java.util.List;

/**
 * Renders an {@link OfflinePlan} as a script for {@code psql -v ON_ERROR_STOP=1 -f}: a guard, Flyway's lock, each
 * migration with its history row (for a downgrade, each undo script with the row that records the undo), the lock
 * released. Same plan, same bytes: nothing in it depends on the moment or the machine it is rendered on. Every value
 * from outside goes through {@link ScriptValues} (the undo rows' values through {@link UndoHistory}, as online); each
 * statement of a migration reaches the server verbatim, through {@code \gexec}, so psql runs no meta-command the
 * plugin did not write.
 */
final class PsqlScript {

    /** The milliseconds since the script started the current migration, measured by the database. */
    private static final String EXECUTION_TIME =
            "(extract(epoch FROM clock_timestamp() - :'migrate_started'::timestamptz) * 1000)::integer";

    private final OfflinePlan plan;
    private final StringBuilder out = new StringBuilder();
    /** Where the values being rendered come from, for the message when one cannot be rendered. */
    private String source = "the configuration (its schemas, Flyway's table and installedBy)";

    private PsqlScript(OfflinePlan plan) {
        this.plan = plan;
    }

    static String render(OfflinePlan plan, String generator) {
        PsqlScript script = new PsqlScript(plan);
        try {
            return script.script(generator);
        } catch (ScriptValues.UnrenderableException e) {
            throw new UserMistakeException(
                    "The offline script cannot write " + script.source + " into a psql script safely: " + e.getMessage()
                            + ". Change it; nothing was written.",
                    e);
        }
    }

    private String script(String generator) {
        header(generator);
        // before the first literal: psql finds where a literal ends by the client encoding's rules
        line("-- Flyway's JDBC connection always talks UTF-8; the script is UTF-8 too");
        line("SET client_encoding = 'UTF8';");
        guardAndLock();
        line("SELECT current_user AS migrate_role, "
                + (plan.installedBy() == null ? "current_user" : literal(plan.installedBy()))
                + " AS migrate_installed_by,");
        line("       current_setting('search_path') AS migrate_original_search_path \\gset");
        if (plan.from().isEmpty()) {
            historyTable();
        }
        line("-- Before each migration Flyway restores the connection's role and puts its default schema first on the");
        line("-- search path (unless it already is first); so does this script. Empty: leave the search path as is.");
        line("SELECT " + searchPath() + " AS migrate_search_path \\gset");
        plan.undos().forEach(this::undo);
        plan.migrations().forEach(plan.downgrade() ? this::rerun : this::migration);
        line("");
        line("SELECT pg_advisory_unlock(" + plan.lockKey() + ") AS migrate_unlocked \\gset");
        line("\\echo '" + (plan.downgrade() ? "Downgraded" : "Upgraded") + " to "
                + plan.to().label() + "'");
        return out.toString();
    }

    private void header(String generator) {
        long versioned = plan.migrations().stream()
                .filter(migration -> !migration.repeatable())
                .count();
        line("-- " + (plan.downgrade() ? "Downgrade" : "Upgrade") + " script written by " + comment(generator)
                + " with Flyway " + FlywayInternals.PINNED_FLYWAY_VERSION);
        line("-- From: "
                + (plan.from().isEmpty()
                        ? "empty (a database without " + comment(plan.historyTable()) + ")"
                        : "version " + plan.from().label()));
        line("-- To:   version " + (plan.to().isEmpty() ? "(none)" : plan.to().label()) + " ("
                + (plan.downgrade()
                        ? plan.undos().size() + " versions undone by their undo scripts, newest first)"
                        : versioned + " versioned, " + (plan.migrations().size() - versioned)
                                + " repeatable migrations)"));
        for (String skipped : plan.skippedJavaMigrations()) {
            line("-- NOT INCLUDED: Java-based migration " + comment(skipped) + " (apply it another way)");
        }
        line("--");
        line("-- Apply with: psql -v ON_ERROR_STOP=1 -f <this file> <database>");
        line("-- It stops before changing anything unless the database is at the 'From' version above with no failed");
        line("-- migration, and holds Flyway's advisory lock while it runs, so it cannot race a 'flyway migrate'.");
        line("\\set ON_ERROR_STOP on");
        line("");
    }

    private void guardAndLock() {
        String table = plan.historyTable();
        String empty = "empty (no " + table.replace("\"", "") + ")";
        String expected = literal(plan.from().isEmpty() ? empty : plan.from().label());
        line("-- Guard: take Flyway's lock, then check the database is at "
                + comment(plan.from().isEmpty() ? empty : plan.from().label()));
        line("-- (on a refusal it releases the lock, which would outlive the refusal in an interactive session)");
        int body = out.length();
        line("DECLARE");
        line("    found text;");
        line("    failed text;");
        line("    non_empty text;");
        line("BEGIN");
        line("    PERFORM pg_advisory_lock(" + plan.lockKey() + ");");
        line("    BEGIN");
        line("        IF to_regclass(" + literal(table) + ") IS NULL THEN");
        line("            found := " + literal(empty) + ";");
        if (plan.from().isEmpty()) {
            nonEmptySchemas();
        }
        line("        ELSE");
        line("            EXECUTE " + literal(currentVersionQuery(table)) + " INTO found;");
        line("            EXECUTE "
                + literal("SELECT string_agg(coalesce(version, description), ', ' ORDER BY" + " installed_rank) FROM "
                        + table + " WHERE NOT success")
                + " INTO failed;");
        line("        END IF;");
        refuseWhen(
                "failed IS NOT NULL",
                "this database has failed migrations: %', " + expected + ", failed",
                "'Nothing was changed. Repair the database with Flyway first.'");
        refuseWhen(
                "found IS DISTINCT FROM " + expected,
                "this database is at %', " + expected + ", found",
                "'Nothing was changed. Apply the script written for version ' || found || '.'");
        refuseWhen(
                "non_empty IS NOT NULL",
                "this database has non-empty schema(s) % and no schema history table'," + " " + expected
                        + ", non_empty",
                "'Nothing was changed. Flyway refuses it too (\"Use baseline()\"):"
                        + " baseline it with Flyway at the version its schema is at, then apply the script written for that"
                        + " version.'");
        line("    EXCEPTION WHEN OTHERS THEN");
        line("        PERFORM pg_advisory_unlock(" + plan.lockKey() + ");");
        line("        RAISE;");
        line("    END;");
        line("END");
        // the body holds configured names: quoted with a tag they do not contain
        String block = out.substring(body);
        out.setLength(body);
        line("DO " + ScriptValues.dollarQuoted("\n" + block) + ";");
    }

    /**
     * Flyway refuses to create its history table when one of its schemas holds objects, unless it has just created
     * one of its schemas (then the history table exists by the time it checks): the same check, on the same objects.
     */
    private void nonEmptySchemas() {
        line("            -- Flyway's check: no schema of its own was missing, and one holds objects");
        line("            SELECT string_agg('\"' || replace(name, '\"', '\"\"') || '\"', ',' ORDER BY position)"
                + " INTO non_empty");
        line("            FROM unnest(" + textArray(plan.schemas()) + ") WITH ORDINALITY AS checked(name, position)");
        line("            WHERE NOT EXISTS (SELECT FROM unnest(" + textArray(plan.createdSchemas())
                + ") AS created(name)");
        line("                              WHERE NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = created.name))");
        line("              AND EXISTS (SELECT FROM pg_namespace WHERE nspname = checked.name)");
        line("              AND ("
                + FlywayInternals.NON_EMPTY_SCHEMA_QUERY
                        .replace("?", "checked.name")
                        .strip()
                        .replace("\n", "\n                   ")
                + ");");
    }

    /**
     * The version the database is at: that of the latest successful row of a version, among the versions whose own
     * latest row is not an undo ({@link UndoHistory#UNDO_ROW_TYPE}, also what Flyway's repair writes for a migration
     * whose file is gone), as Flyway's info sees it.
     */
    private static String currentVersionQuery(String table) {
        return "SELECT coalesce((SELECT version FROM (SELECT DISTINCT ON (version) version, type, installed_rank FROM "
                + table + " WHERE version IS NOT NULL AND success ORDER BY version, installed_rank DESC) latest"
                + " WHERE type <> '" + UndoHistory.UNDO_ROW_TYPE + "' ORDER BY installed_rank DESC LIMIT 1),"
                + " 'empty')";
    }

    private void refuseWhen(String condition, String formatRestAndArguments, String hint) {
        line("        IF " + condition + " THEN");
        line("            RAISE EXCEPTION 'This script " + (plan.downgrade() ? "downgrades" : "upgrades")
                + " a database at version %, but " + formatRestAndArguments);
        line("                USING HINT = " + hint + ";");
        line("        END IF;");
    }

    private void historyTable() {
        line("");
        List<String> schemas = plan.createdSchemas();
        if (!schemas.isEmpty()) {
            line("-- Flyway creates the schemas it manages when they are missing, and records those it created");
            line("SELECT coalesce(string_agg('\"' || replace(name, '\"', '\"\"') || '\"', ',' ORDER BY position), '')"
                    + " AS migrate_created_schemas");
            line("FROM unnest(" + textArray(schemas) + ") WITH ORDINALITY AS managed(name, position)"
                    + " WHERE to_regnamespace(quote_ident(name)) IS NULL \\gset");
        }
        line("-- Flyway's schema history table, created as Flyway creates it");
        line("BEGIN;");
        for (String schema : schemas) {
            line("CREATE SCHEMA IF NOT EXISTS " + quoted(schema) + ";");
        }
        line(plan.historyTableDdl().strip());
        if (!schemas.isEmpty()) {
            line("INSERT INTO " + plan.historyTable() + " (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success)");
            line("SELECT 0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', :'migrate_created_schemas', NULL,"
                    + " :'migrate_installed_by', 0, true WHERE :'migrate_created_schemas' <> '';");
        }
        line("COMMIT;");
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private void migration(OfflineMigration migration) {
        source = comment(migration.script());
        line("");
        String name = migration.repeatable()
                ? "repeatable " + comment(migration.description())
                : "version " + migration.version() + ": " + comment(migration.description());
        line("-- " + name + " (" + comment(migration.script()) + ", checksum " + migration.checksum() + ")");
        if (migration.repeatable()) {
            refuseCopyData(migration);
            line("-- Applied only when its checksum differs from the one last applied, as Flyway decides.");
            line("SELECT coalesce((SELECT checksum FROM " + plan.historyTable() + " WHERE version IS NULL AND success"
                    + " AND description = " + literal(migration.description())
                    + " ORDER BY installed_rank DESC LIMIT 1) <> " + migration.checksum()
                    + ", true) AS migrate_apply \\gset");
            line("\\if :migrate_apply");
        }
        run(migration.script(), migration.executeInTransaction(), migration.statements(), () -> historyRow(migration));
        if (migration.repeatable()) {
            line("\\endif");
        }
    }

    /**
     * One undo script with the history row that records it ({@link UndoHistory}), in one transaction unless Flyway
     * would run the script outside one.
     */
    private void undo(UndoScript undo) {
        source = comment(undo.script());
        line("");
        line("-- undo version " + undo.version() + ": " + comment(undo.description()) + " (" + comment(undo.script())
                + ", checksum " + undo.checksum() + ")");
        run(
                undo.script(),
                undo.executeInTransaction(),
                undo.statements(),
                () -> line(
                        UndoHistory.recordUndoSql(plan.historyTable(), undo, ":'migrate_installed_by'", EXECUTION_TIME)
                                + ";"));
    }

    /**
     * A repeatable migration run again after the undos, as the online downgrade does: when its latest run came after
     * the oldest undone version was applied, it was built on a schema that held what is undone; a database migrated
     * to the lower version has it built on that version's schema. Recorded as Flyway records a run
     * ({@link UndoHistory#recordRerunSql}).
     */
    private void rerun(OfflineMigration repeatable) {
        source = comment(repeatable.script());
        line("");
        line("-- repeatable " + comment(repeatable.description()) + " (" + comment(repeatable.script()) + ", checksum "
                + repeatable.checksum() + ")");
        refuseCopyData(repeatable);
        line(
                "-- Run again when it last ran after the oldest undone version was applied, as the online downgrade does.");
        line("SELECT coalesce((SELECT max(installed_rank) FROM " + plan.historyTable() + " WHERE version IS NULL AND"
                + " success AND script = " + literal(repeatable.script()) + ") > (SELECT min(rank) FROM (SELECT"
                + " max(installed_rank) AS rank FROM " + plan.historyTable() + " WHERE success AND type <> "
                + literal(UndoHistory.UNDO_ROW_TYPE) + " AND version IN (" + undoneVersions()
                + ") GROUP BY version) undone), false) AS migrate_apply \\gset");
        line("\\if :migrate_apply");
        UndoScript rerun = new UndoScript(
                null,
                repeatable.description(),
                repeatable.script(),
                repeatable.checksum(),
                repeatable.executeInTransaction(),
                repeatable.statements());
        run(
                repeatable.script(),
                repeatable.executeInTransaction(),
                repeatable.statements(),
                () -> line(UndoHistory.recordRerunSql(
                                plan.historyTable(), rerun, ":'migrate_installed_by'", EXECUTION_TIME)
                        + ";"));
        line("\\endif");
    }

    private String undoneVersions() {
        return String.join(
                ", ", plan.undos().stream().map(undo -> literal(undo.version())).toList());
    }

    /**
     * A script's statements, after Flyway's role and search path, in a transaction or marked as outside one, with
     * what records it in the history table.
     */
    private void run(String script, boolean inTransaction, List<ParsedStatement> statements, Runnable record) {
        if (!inTransaction) {
            line("-- NOT IN A TRANSACTION: Flyway runs this migration outside one (" + reason(statements) + ")");
        }
        line("SELECT set_config('role', :'migrate_role', false) AS migrate_restored, set_config('search_path',"
                + " coalesce(nullif(:'migrate_search_path', ''), current_setting('search_path')), false)"
                + " AS migrate_restored, clock_timestamp() AS migrate_started \\gset");
        if (inTransaction) {
            line("BEGIN;");
        }
        for (ParsedStatement statement : statements) {
            source = comment(script) + " line " + statement.line();
            statement(statement);
        }
        source = comment(script);
        record.run();
        if (inTransaction) {
            line("COMMIT;");
        }
    }

    /**
     * Flyway's search path for each migration, as PostgreSQLConnection.changeCurrentSchemaTo computes it from the
     * search path the connection started with: its default schema first, or no change (empty) when the search path
     * already starts with it or the schema does not exist.
     */
    private String searchPath() {
        String schema = literal(plan.historySchema());
        String quoted = literal(quoted(plan.historySchema()));
        String original = ":'migrate_original_search_path'";
        return "CASE WHEN " + original + " = " + schema + " OR starts_with(" + original + ", " + schema + " || ',')"
                + " OR to_regnamespace(" + quoted + ") IS NULL THEN ''"
                + " ELSE " + quoted + " || coalesce(',' || nullif(" + original + ", ''), '') END";
    }

    private static String reason(List<ParsedStatement> statements) {
        List<ParsedStatement> nonTransactional = statements.stream()
                .filter(statement -> !statement.transactional())
                .toList();
        if (nonTransactional.isEmpty()) {
            return "executeInTransaction=false in its .conf";
        }
        return "line " + nonTransactional.get(0).line() + ": "
                + comment(firstLine(nonTransactional.get(0).sql()));
    }

    /**
     * A repeatable migration is skipped inside {@code \if}; psql then reads COPY data as script lines, where a line
     * such as {@code \endif} would act.
     */
    private static void refuseCopyData(OfflineMigration migration) {
        migration.statements().stream()
                .filter(statement -> statement.copyData() != null)
                .findFirst()
                .ifPresent(copy -> {
                    throw new ScriptValues.UnrenderableException("line " + copy.line() + " loads COPY ... FROM"
                            + " stdin data in a repeatable migration, which psql would read as script lines whenever"
                            + " the migration is skipped. Load the data with INSERT statements, or in a versioned"
                            + " migration");
                });
    }

    /**
     * The statement reaches the server exactly as Flyway sends it: psql executes the value of the dollar-quoted
     * literal ({@code \gexec}) and reads nothing in it. COPY data follows in psql's form, which psql passes on
     * verbatim in COPY mode: Flyway takes a statement for a COPY only when it reads {@code COPY ... FROM STDIN} outside
     * comments, which PostgreSQL either runs as a COPY from the client or rejects, and then {@code ON_ERROR_STOP}
     * stops psql before the data.
     */
    private void statement(ParsedStatement statement) {
        line("SELECT " + ScriptValues.dollarQuoted(statement.sql()) + " \\gexec");
        if (statement.copyData() != null) {
            out.append(ScriptValues.copyData(statement.copyData()));
            line("\\.");
        }
    }

    private void historyRow(OfflineMigration migration) {
        line("INSERT INTO " + plan.historyTable() + " (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success)");
        line("SELECT coalesce(max(installed_rank), 0) + 1, "
                + (migration.repeatable() ? "NULL" : literal(migration.version())) + ", "
                + literal(migration.description()) + ", "
                + literal(migration.type()) + ", " + literal(migration.script()) + ", " + migration.checksum()
                + ", :'migrate_installed_by',");
        line("       " + EXECUTION_TIME + ", true FROM " + plan.historyTable() + ";");
    }

    private static String firstLine(String sql) {
        String stripped = sql.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline) + " ...";
    }

    /** A {@code text[]} of the values, for {@code unnest}. */
    private static String textArray(List<String> values) {
        return "ARRAY["
                + String.join(", ", values.stream().map(ScriptValues::literal).toList()) + "]::text[]";
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
