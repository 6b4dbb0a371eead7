package dev.migrate.offline;

import java.util.List;

/**
 * Renders an {@link OfflinePlan} as a script for {@code psql -v ON_ERROR_STOP=1 -f}: a guard, Flyway's lock, each
 * migration with its history row, the lock released. Same plan, same bytes: nothing in it depends on the moment or
 * the machine it is rendered on.
 */
final class PsqlScript {

    private final OfflinePlan plan;
    private final StringBuilder out = new StringBuilder();

    private PsqlScript(OfflinePlan plan) {
        this.plan = plan;
    }

    static String render(OfflinePlan plan, String generator) {
        return new PsqlScript(plan).script(generator);
    }

    private String script(String generator) {
        header(generator);
        guardAndLock();
        line("-- Flyway's JDBC connection always talks UTF-8; the script is UTF-8 too");
        line("SET client_encoding = 'UTF8';");
        line("SELECT current_user AS migrate_role, " + (plan.installedBy() == null ? "current_user"
                : literal(plan.installedBy())) + " AS migrate_installed_by,");
        line("       current_setting('search_path') AS migrate_original_search_path \\gset");
        if (plan.from() == null) {
            historyTable();
        }
        line("-- Before each migration Flyway restores the connection's role and puts its default schema first on the");
        line("-- search path (unless it already is first); so does this script. Empty: leave the search path as is.");
        line("SELECT " + searchPath() + " AS migrate_search_path \\gset");
        for (OfflineMigration migration : plan.migrations()) {
            migration(migration);
        }
        line("");
        line("SELECT pg_advisory_unlock(" + plan.lockKey() + ") AS migrate_unlocked \\gset");
        line("\\echo 'Upgraded to " + (plan.to() == null ? "empty" : plan.to()) + "'");
        return out.toString();
    }

    private void header(String generator) {
        long versioned = plan.migrations().stream().filter(migration -> !migration.repeatable()).count();
        line("-- Upgrade script written by " + generator + " with Flyway " + FlywayInternals.PINNED_FLYWAY_VERSION);
        line("-- From: " + (plan.from() == null ? "empty (a database without " + plan.historyTable() + ")"
                : "version " + plan.from()));
        line("-- To:   version " + (plan.to() == null ? "(none)" : plan.to()) + " (" + versioned + " versioned, "
                + (plan.migrations().size() - versioned) + " repeatable migrations)");
        for (String skipped : plan.skippedJavaMigrations()) {
            line("-- NOT INCLUDED: Java-based migration " + skipped + " (apply it another way)");
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
        String expected = plan.from() == null ? "empty (no " + table.replace("\"", "") + ")" : plan.from();
        line("-- Guard: take Flyway's lock, then check the database is at " + expected);
        line("DO $migrate_guard$");
        line("DECLARE");
        line("    found text;");
        line("    failed text;");
        line("BEGIN");
        line("    PERFORM pg_advisory_lock(" + plan.lockKey() + ");");
        line("    IF to_regclass(" + literal(table) + ") IS NULL THEN");
        line("        found := 'empty (no " + table.replace("\"", "").replace("'", "''") + ")';");
        line("    ELSE");
        line("        EXECUTE 'SELECT coalesce((SELECT version FROM " + table.replace("'", "''")
                + " WHERE version IS NOT NULL AND success ORDER BY installed_rank DESC LIMIT 1), ''empty'')'"
                + " INTO found;");
        line("        EXECUTE 'SELECT string_agg(coalesce(version, description), '', '' ORDER BY installed_rank) FROM "
                + table.replace("'", "''") + " WHERE NOT success' INTO failed;");
        line("    END IF;");
        line("    IF failed IS NOT NULL THEN");
        line("        RAISE EXCEPTION 'This script upgrades a database at version %, but this database has failed"
                + " migrations: %', " + literal(expected) + ", failed");
        line("            USING HINT = 'Nothing was changed. Repair the database with Flyway first.';");
        line("    END IF;");
        line("    IF found IS DISTINCT FROM " + literal(expected) + " THEN");
        line("        RAISE EXCEPTION 'This script upgrades a database at version %, but this database is at %', "
                + literal(expected) + ", found");
        line("            USING HINT = 'Nothing was changed. Apply the script written for version ' || found || '.';");
        line("    END IF;");
        line("END");
        line("$migrate_guard$;");
    }

    private void historyTable() {
        line("");
        List<String> schemas = plan.createdSchemas();
        if (!schemas.isEmpty()) {
            line("-- Flyway creates the schemas it manages when they are missing, and records those it created");
            line("SELECT coalesce(string_agg('\"' || replace(name, '\"', '\"\"') || '\"', ',' ORDER BY position), '')"
                    + " AS migrate_created_schemas");
            line("FROM unnest(ARRAY[" + String.join(", ", schemas.stream().map(PsqlScript::literal).toList())
                    + "]) WITH ORDINALITY AS managed(name, position)"
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
        line("");
        String name = migration.repeatable() ? "repeatable " + migration.description()
                : "version " + migration.version() + ": " + migration.description();
        line("-- " + name.replace("\n", " ") + " (" + migration.script() + ", checksum " + migration.checksum() + ")");
        if (migration.repeatable()) {
            line("-- Applied only when its checksum differs from the one last applied, as Flyway decides.");
            line("SELECT coalesce((SELECT checksum FROM " + plan.historyTable() + " WHERE version IS NULL AND success"
                    + " AND description = " + literal(migration.description())
                    + " ORDER BY installed_rank DESC LIMIT 1) <> " + migration.checksum()
                    + ", true) AS migrate_apply \\gset");
            line("\\if :migrate_apply");
        }
        if (!migration.executeInTransaction()) {
            line("-- NOT IN A TRANSACTION: Flyway runs this migration outside one (" + reason(migration) + ")");
        }
        line("SELECT set_config('role', :'migrate_role', false) AS migrate_restored, set_config('search_path',"
                + " coalesce(nullif(:'migrate_search_path', ''), current_setting('search_path')), false)"
                + " AS migrate_restored, clock_timestamp() AS migrate_started \\gset");
        if (migration.executeInTransaction()) {
            line("BEGIN;");
        }
        for (OfflineStatement statement : migration.statements()) {
            statement(statement);
        }
        historyRow(migration);
        if (migration.executeInTransaction()) {
            line("COMMIT;");
        }
        if (migration.repeatable()) {
            line("\\endif");
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

    private static String reason(OfflineMigration migration) {
        List<OfflineStatement> nonTransactional = migration.statements().stream()
                .filter(statement -> !statement.transactional()).toList();
        if (nonTransactional.isEmpty()) {
            return "executeInTransaction=false in its .conf";
        }
        return "line " + nonTransactional.get(0).line() + ": " + firstLine(nonTransactional.get(0).sql());
    }

    private void statement(OfflineStatement statement) {
        String sql = statement.sql();
        int lastLine = sql.lastIndexOf('\n');
        // a trailing line comment would swallow the delimiter
        line(sql.substring(lastLine + 1).contains("--") ? sql + "\n;" : sql + ";");
        if (statement.copyData() != null) {
            String data = statement.copyData();
            out.append(data);
            if (!data.isEmpty() && !data.endsWith("\n")) {
                out.append('\n');
            }
            line("\\.");
        }
    }

    private void historyRow(OfflineMigration migration) {
        line("INSERT INTO " + plan.historyTable() + " (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success)");
        line("SELECT coalesce(max(installed_rank), 0) + 1, " + (migration.repeatable() ? "NULL"
                : literal(migration.version())) + ", " + literal(migration.description()) + ", "
                + literal(migration.type()) + ", " + literal(migration.script()) + ", " + migration.checksum()
                + ", :'migrate_installed_by',");
        line("       (extract(epoch FROM clock_timestamp() - :'migrate_started'::timestamptz) * 1000)::integer, true"
                + " FROM " + plan.historyTable() + ";");
    }

    private static String firstLine(String sql) {
        String stripped = sql.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline) + " ...";
    }

    /** A SQL string literal; standard_conforming_strings is on by default since PostgreSQL 9.1. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
