package dev.migrate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a deterministic Flyway migration set for PostgreSQL: the same sizes and seed always give the same files.
 * Tables have realistic columns (identity ids, text, numeric, timestamptz, jsonb, enums, arrays), foreign keys to
 * earlier tables, indexes (b-tree, unique, GIN) and comments; the set also creates enum types, views, and alters
 * earlier tables, as a real history does.
 */
final class MigrationSetGenerator {

    private static final String[] NOUNS = {
        "account",
        "order",
        "invoice",
        "product",
        "customer",
        "shipment",
        "payment",
        "review",
        "category",
        "supplier",
        "warehouse",
        "employee",
        "project",
        "task",
        "ticket",
        "session",
        "event",
        "device",
        "region",
        "contract"
    };
    private static final String[] ENUM_VALUES = {
        "draft", "active", "suspended", "archived", "deleted", "pending", "approved", "rejected"
    };
    private static final String[] EXTRA_COLUMNS = {
        "note TEXT",
        "score DOUBLE PRECISION",
        "priority SMALLINT",
        "external_ref UUID",
        "due_on DATE",
        "tags TEXT[]",
        "unit_price NUMERIC(10, 4)",
        "payload JSONB",
        "flagged BOOLEAN NOT NULL DEFAULT false",
        "counter BIGINT NOT NULL DEFAULT 0",
        "client_ip INET",
        "duration INTERVAL",
        "checksum BYTEA",
        "valid_until TIMESTAMPTZ"
    };
    private static final int TABLES_PER_ENUM = 25;
    private static final int TABLES_PER_VIEW = 10;

    private final Random random;
    private final int enumCount;
    private final List<String> tables = new ArrayList<>();

    private MigrationSetGenerator(long seed, int tableCount) {
        this.random = new Random(seed);
        this.enumCount = Math.max(1, tableCount / TABLES_PER_ENUM);
    }

    /**
     * Writes {@code migrationCount} versioned migrations creating {@code tableCount} tables into {@code directory};
     * with fewer tables than migrations, the other migrations alter earlier tables.
     */
    static void write(Path directory, int migrationCount, int tableCount, long seed) {
        if (tableCount < 1) {
            throw new IllegalArgumentException("A set needs at least one table");
        }
        new MigrationSetGenerator(seed, tableCount).writeAll(directory, migrationCount, tableCount);
    }

    /**
     * The {@code number}th (from 1) migration a developer appends to a set whose highest version is
     * {@code lastVersion}: a new table, referencing the one the previous appended migration made. It needs nothing
     * from the set, so it fits generated sets and corpora alike.
     */
    static Path append(Path directory, int lastVersion, int number) {
        String table = "added_" + number;
        String reference = number == 1
                ? ""
                : "    added_" + (number - 1) + "_id BIGINT REFERENCES added_" + (number - 1) + " (id),\n";
        String sql = "CREATE TABLE " + table + " (\n"
                + "    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                + reference
                + "    note TEXT,\n"
                + "    created_at TIMESTAMPTZ NOT NULL DEFAULT now()\n"
                + ");\n"
                + "CREATE INDEX " + table + "_created_at_idx ON " + table + " (created_at);\n";
        return writeFile(directory, "V" + (lastVersion + number) + "__add_" + table + ".sql", sql);
    }

    /**
     * A migration that changes data only, as teams add reference data: a row in the table the first
     * {@linkplain #append appended} migration made.
     */
    static Path appendData(Path directory, int version, int number) {
        return writeFile(
                directory,
                "V" + version + "__seed_" + number + ".sql",
                "INSERT INTO added_1 (note) VALUES ('reference row " + number + "');\n");
    }

    private void writeAll(Path directory, int migrationCount, int tableCount) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int migration = 0; migration < migrationCount; migration++) {
            int first = tables.size();
            // the first migration creates at least one table, so that later ones always have one to alter
            int end = Math.max(migration == 0 ? 1 : 0, (int) ((long) (migration + 1) * tableCount / migrationCount));
            StringBuilder sql = new StringBuilder();
            if (migration == 0) {
                createEnums(sql);
            }
            for (int table = first; table < end; table++) {
                createTable(sql, table);
            }
            if (first == end || (migration > 0 && migration % 7 == 0)) {
                alterEarlierTable(sql, migration);
            }
            String description = first < end ? "create_" + tableName(first) : "alter_tables_" + migration;
            writeFile(directory, "V" + (migration + 1) + "__" + description + ".sql", sql.toString());
        }
    }

    private void createEnums(StringBuilder sql) {
        for (int type = 0; type < enumCount; type++) {
            List<String> values = new ArrayList<>();
            int count = 3 + random.nextInt(ENUM_VALUES.length - 3);
            for (int value = 0; value < count; value++) {
                values.add("'" + ENUM_VALUES[value] + "'");
            }
            sql.append("CREATE TYPE status_")
                    .append(type)
                    .append(" AS ENUM (")
                    .append(String.join(", ", values))
                    .append(");\n");
        }
        sql.append('\n');
    }

    private void createTable(StringBuilder sql, int index) {
        String name = tableName(index);
        String prefix = "t" + String.format("%04d", index);
        List<String> columns = new ArrayList<>(List.of(
                "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
                "code TEXT NOT NULL",
                "name TEXT NOT NULL",
                "description TEXT",
                "amount NUMERIC(12, 2) NOT NULL DEFAULT 0",
                "quantity INTEGER",
                "status status_" + random.nextInt(enumCount) + " NOT NULL DEFAULT 'draft'",
                "attributes JSONB NOT NULL DEFAULT '{}'",
                "created_at TIMESTAMPTZ NOT NULL DEFAULT now()",
                "updated_at TIMESTAMPTZ"));
        List<String> parents = new ArrayList<>();
        int parentCount = index == 0 ? 0 : 1 + random.nextInt(Math.min(index, 2));
        for (int parent = 0; parent < parentCount; parent++) {
            String parentTable = tables.get(random.nextInt(tables.size()));
            String column = parentTable.substring(0, 5) + "_id";
            if (!parents.contains(column)) {
                parents.add(column);
                columns.add(column + " BIGINT REFERENCES " + parentTable + " (id) ON DELETE CASCADE");
            }
        }
        int extras = 2 + random.nextInt(5);
        int start = random.nextInt(EXTRA_COLUMNS.length);
        for (int extra = 0; extra < extras; extra++) {
            columns.add(EXTRA_COLUMNS[(start + extra) % EXTRA_COLUMNS.length]);
        }
        columns.add("CONSTRAINT " + prefix + "_code_key UNIQUE (code)");
        sql.append("CREATE TABLE ")
                .append(name)
                .append(" (\n    ")
                .append(String.join(",\n    ", columns))
                .append("\n);\n");
        sql.append("CREATE INDEX ")
                .append(prefix)
                .append("_created_at_idx ON ")
                .append(name)
                .append(" (created_at);\n");
        for (String parent : parents) {
            sql.append("CREATE INDEX ")
                    .append(prefix)
                    .append('_')
                    .append(parent)
                    .append("_idx ON ")
                    .append(name)
                    .append(" (")
                    .append(parent)
                    .append(");\n");
        }
        if (random.nextInt(4) == 0) {
            sql.append("CREATE INDEX ")
                    .append(prefix)
                    .append("_attributes_idx ON ")
                    .append(name)
                    .append(" USING gin (attributes);\n");
        }
        sql.append("COMMENT ON TABLE ")
                .append(name)
                .append(" IS 'The ")
                .append(name.substring(6))
                .append(" records of set table ")
                .append(index)
                .append(".';\n");
        if (!parents.isEmpty() && index % TABLES_PER_VIEW == 0) {
            String parent = parents.get(0);
            String parentTable = tables.stream()
                    .filter(table -> table.startsWith(parent.substring(0, 5)))
                    .findFirst()
                    .orElseThrow();
            sql.append("CREATE VIEW ")
                    .append(prefix)
                    .append("_summary AS\n    SELECT c.id, c.name, c.status, c.amount,"
                            + " p.name AS parent_name\n    FROM ")
                    .append(name)
                    .append(" c JOIN ")
                    .append(parentTable)
                    .append(" p ON p.id = c.")
                    .append(parent)
                    .append(";\n");
        }
        sql.append('\n');
        tables.add(name);
    }

    private void alterEarlierTable(StringBuilder sql, int migration) {
        String table = tables.get(random.nextInt(tables.size()));
        String column = "added_in_" + (migration + 1);
        sql.append("ALTER TABLE ")
                .append(table)
                .append(" ADD COLUMN ")
                .append(column)
                .append(" TEXT;\n");
        sql.append("CREATE INDEX ")
                .append(table, 0, 5)
                .append('_')
                .append(column)
                .append("_idx ON ")
                .append(table)
                .append(" (")
                .append(column)
                .append(");\n");
    }

    private static String tableName(int index) {
        return "t" + String.format("%04d", index) + "_" + NOUNS[index % NOUNS.length];
    }

    private static Path writeFile(Path directory, String name, String content) {
        try {
            return Files.writeString(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
