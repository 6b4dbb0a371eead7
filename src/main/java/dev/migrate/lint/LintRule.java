package dev.migrate.lint;

import dev.migrate.check.Finding.Level;

/**
 * The hazards the linter reports, each with a code that stays the same across releases (suppressions, configuration
 * and reports key on it). Most are decided from what PostgreSQL did when the statement ran on the throwaway database
 * (its locks, rewrites and catalog); the rest from Flyway's parsed statements, as {@link #docs()} says.
 */
public enum LintRule {
    INDEX_NOT_CONCURRENT(
            "index-not-concurrent",
            Level.ERROR,
            "Index created or dropped without CONCURRENTLY on an existing table",
            "CREATE INDEX takes a SHARE lock on the table and DROP INDEX an ACCESS EXCLUSIVE one, for as long as the"
                    + " index takes to build or the lock takes to get: on a busy table every INSERT, UPDATE and"
                    + " DELETE waits meanwhile. Decided by the lock the statement took on a table that existed before"
                    + " the migration. Write CREATE INDEX CONCURRENTLY (or DROP INDEX CONCURRENTLY) in a migration of"
                    + " its own, which Flyway then runs outside a transaction."),
    CONCURRENTLY_IN_TRANSACTION(
            "concurrently-in-transaction",
            Level.ERROR,
            "CONCURRENTLY in a migration Flyway runs in a transaction",
            "PostgreSQL refuses CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY inside a"
                    + " transaction block, so the migration fails on deployment. Decided from Flyway's parsed"
                    + " statements and the transaction mode Flyway uses for the file. Put the statement in a"
                    + " migration of its own (Flyway detects it and runs that file outside a transaction), or set"
                    + " executeInTransaction=false in the file's .conf."),
    CONSTRAINT_NOT_VALID(
            "constraint-not-valid",
            Level.ERROR,
            "Foreign key or CHECK added without NOT VALID on an existing table",
            "Adding a validated foreign key or CHECK constraint scans the whole table while holding a lock that"
                    + " blocks writes (a foreign key locks the referenced table too). Decided by the new constraint"
                    + " being validated (pg_constraint.convalidated) on a table that existed before the migration."
                    + " Add it with NOT VALID, then run ALTER TABLE ... VALIDATE CONSTRAINT in a later migration:"
                    + " validating takes only a SHARE UPDATE EXCLUSIVE lock."),
    SET_NOT_NULL(
            "set-not-null",
            Level.ERROR,
            "SET NOT NULL on an existing column",
            "SET NOT NULL takes an ACCESS EXCLUSIVE lock and scans the whole table to prove there is no NULL, so"
                    + " reads and writes wait for the scan. Decided by a column of an existing table becoming NOT"
                    + " NULL with no validated CHECK (column IS NOT NULL) to prove it. On PostgreSQL 12 and later add"
                    + " CHECK (column IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL"
                    + " (which then skips the scan) and drop the CHECK."),
    ADD_COLUMN_NOT_NULL(
            "add-column-not-null",
            Level.ERROR,
            "NOT NULL column added to an existing table without a default",
            "ADD COLUMN ... NOT NULL without a default fails with SQLSTATE 23502 on a table that has rows, so the"
                    + " migration passes on an empty development database and fails in production. Decided by a new"
                    + " column of an existing table that is NOT NULL with no default, identity or generated"
                    + " expression. Add it with a constant default (no rewrite since PostgreSQL 11), or add it"
                    + " nullable, fill it, and make it NOT NULL as set-not-null describes."),
    TYPE_CHANGE_REWRITE(
            "type-change-rewrite",
            Level.ERROR,
            "Column type change that rewrites the table",
            "A type change PostgreSQL cannot do in place rewrites the table and all its indexes under an ACCESS"
                    + " EXCLUSIVE lock. Decided by the table's relfilenode changing with the column's type, so"
                    + " binary-compatible changes (varchar(10) to varchar(20) or to text) are not reported. Add a new"
                    + " column, fill it in batches, and switch the application over."),
    ADD_COLUMN_REWRITE(
            "add-column-rewrite",
            Level.ERROR,
            "ADD COLUMN that rewrites the table",
            "ADD COLUMN with a volatile default (e.g. random() or clock_timestamp()), or of a type PostgreSQL cannot"
                    + " add without rewriting, rewrites the whole table under an ACCESS EXCLUSIVE lock. Decided by"
                    + " the table's relfilenode changing. Add the column without a default (or with a constant"
                    + " one), then fill it in batches."),
    CONSTRAINT_WITHOUT_INDEX(
            "constraint-without-index",
            Level.ERROR,
            "PRIMARY KEY or UNIQUE added to an existing table without USING INDEX",
            "Adding a primary key or unique constraint builds its index under an ACCESS EXCLUSIVE lock, blocking"
                    + " reads and writes for the whole build. Decided by the constraint's index being built by the"
                    + " statement on a table that existed before the migration. CREATE UNIQUE INDEX CONCURRENTLY in"
                    + " a migration of its own, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX (or UNIQUE USING"
                    + " INDEX)."),
    LOCK_TIMEOUT_MISSING(
            "lock-timeout-missing",
            Level.WARNING,
            "ACCESS EXCLUSIVE lock on an existing table or materialized view without lock_timeout",
            "A statement that needs an ACCESS EXCLUSIVE lock queues behind any long query on the table, and every"
                    + " query after it queues behind it: a short ALTER TABLE stops the application. Decided by the"
                    + " lock the statement took on a table or materialized view the migration did not create, and"
                    + " lock_timeout being 0 when it ran (each migration starts with the"
                    + " server's default). Start the migration with SET lock_timeout = '5s' (and retry the"
                    + " deployment if it times out)."),
    DROP_OBJECT(
            "drop-object",
            Level.ERROR,
            "Table, column, schema or type dropped",
            "Dropping a table, column, schema or type loses its data for good, and the application still running"
                    + " the previous release fails on it. Decided by the object being gone from the catalog after"
                    + " the statement. Stop the application from using it in one release, drop it in a later one."),
    RENAME_OBJECT(
            "rename-object",
            Level.ERROR,
            "Table or column renamed",
            "The application still running the previous release uses the old name and fails from the moment the"
                    + " migration commits. Decided by the table or column keeping its identity in the catalog under"
                    + " a new name. Add the new column or table (or a view with the new name), move the application,"
                    + " and drop the old one in a later release."),
    REWRITE_MAINTENANCE(
            "rewrite-maintenance",
            Level.ERROR,
            "VACUUM FULL, CLUSTER or REINDEX without CONCURRENTLY",
            "VACUUM FULL and CLUSTER rewrite the table under an ACCESS EXCLUSIVE lock; REINDEX blocks writes to"
                    + " the table while it rebuilds. Decided by the statement rewriting a relation (its relfilenode"
                    + " changes); run outside a transaction, its locks are gone when the statement ends, so they are"
                    + " taken from PostgreSQL's documentation of the command. Use REINDEX ... CONCURRENTLY, or"
                    + " pg_repack, outside of migrations."),
    MULTIPLE_EXCLUSIVE_LOCKS(
            "multiple-exclusive-locks",
            Level.WARNING,
            "One transaction holds ACCESS EXCLUSIVE on more than one existing table",
            "A transaction that holds ACCESS EXCLUSIVE locks on several tables blocks all of them until it commits,"
                    + " and locking them one by one invites deadlocks with the application. Decided by the locks the"
                    + " migration's transaction holds. Change one table per migration."),
    ENUM_VALUE_IN_TRANSACTION(
            "enum-value-in-transaction",
            Level.ERROR,
            "Enum value added inside a transaction on PostgreSQL before 12",
            "Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block, so the migration"
                    + " fails on deployment. Decided by an enum of the existing schema gaining a value in a"
                    + " transaction on a server whose version is below 12. Put it in a migration of its own with"
                    + " executeInTransaction=false in its .conf, or upgrade PostgreSQL."),
    PREFER_IDENTITY(
            "prefer-identity",
            Level.WARNING,
            "serial or bigserial on a new column",
            "serial columns own a sequence with its own permissions and ownership, which dumps, copies and"
                    + " privilege changes handle separately from the table. Decided by a new column whose default"
                    + " comes from a sequence it owns and which is not an identity column. Write GENERATED BY DEFAULT"
                    + " AS IDENTITY (or GENERATED ALWAYS AS IDENTITY)."),
    PREFER_JSONB(
            "prefer-jsonb",
            Level.WARNING,
            "json on a new column",
            "json keeps the text as written and parses it on every access, and cannot be indexed or compared for"
                    + " equality. Decided by the new column's type in the catalog. Use jsonb."),
    PREFER_TIMESTAMPTZ(
            "prefer-timestamptz",
            Level.WARNING,
            "timestamp without time zone on a new column",
            "timestamp without time zone drops the offset, so values written from servers or sessions in other time"
                    + " zones compare wrongly. Decided by the new column's type in the catalog. Use timestamptz"
                    + " (timestamp with time zone)."),
    PREFER_TEXT(
            "prefer-text",
            Level.WARNING,
            "char(n) on a new column",
            "char(n) pads values with spaces, compares them with the spaces ignored, and is no faster than text;"
                    + " changing its length later rewrites the table. Decided by the new column's type in the"
                    + " catalog. Use text, with a CHECK on the length if one is needed.");

    private final String id;
    private final Level level;
    private final String title;
    private final String docs;

    LintRule(String id, Level level, String title, String docs) {
        this.id = id;
        this.level = level;
        this.title = title;
        this.docs = docs;
    }

    /** The stable code, e.g. {@code index-not-concurrent}. */
    public String id() {
        return id;
    }

    /** Whether the rule fails the build unless configured otherwise. */
    public Level level() {
        return level;
    }

    /** What it is about, in one line. */
    public String title() {
        return title;
    }

    /** What happens in production, what decides the rule, and the safe way to write the statement. */
    public String docs() {
        return docs;
    }
}
