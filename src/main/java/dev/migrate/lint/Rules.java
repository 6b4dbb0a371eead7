package dev.migrate.lint;

import dev.migrate.lint.CatalogState.Column;
import dev.migrate.lint.CatalogState.Constraint;
import dev.migrate.lint.CatalogState.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The rules that read what a statement did ({@link StatementFacts}), one method each. */
final class Rules {

    /** PostgreSQL's oids of the types the type advice is about (fixed in pg_type.dat). */
    private static final long JSON = 114;

    private static final long TIMESTAMP = 1114;
    private static final long BPCHAR = 1042;
    private static final int ENUM_IN_TRANSACTION_SINCE = 120_000;

    private static final List<Function<StatementFacts, Stream<Hazard>>> RULES = List.of(
            Rules::indexNotConcurrent,
            Rules::constraintNotValid,
            Rules::setNotNull,
            Rules::addColumnNotNull,
            Rules::rewrites,
            Rules::constraintWithoutIndex,
            Rules::lockTimeoutMissing,
            Rules::dropObject,
            Rules::renameObject,
            Rules::multipleExclusiveLocks,
            Rules::enumValueInTransaction,
            Rules::typeAdvice);

    private Rules() {}

    static List<Hazard> check(StatementFacts facts) {
        return RULES.stream().flatMap(rule -> rule.apply(facts)).toList();
    }

    /** A new index on an existing table built under SHARE, or an existing one dropped under ACCESS EXCLUSIVE. */
    static Stream<Hazard> indexNotConcurrent(StatementFacts facts) {
        Set<Long> constraintIndexes = indexesOfConstraints(facts.after());
        Stream<Hazard> created = added(facts.before().relations(), facts.after().relations())
                .filter(index -> index.isIndex() && facts.existedBefore(index.table()))
                .filter(index -> !constraintIndexes.contains(index.oid()))
                .filter(index -> !hasIndexNamed(facts.before(), index.qualifiedName()))
                .filter(index -> facts.locked(index.table(), StatementFacts.SHARE))
                .map(index -> facts.hazard(
                        LintRule.INDEX_NOT_CONCURRENT,
                        "CREATE INDEX " + index.qualifiedName() + " on existing table " + facts.nameOf(index.table())
                                + " took a SHARE lock, blocking writes while the index builds; use CREATE INDEX"
                                + " CONCURRENTLY in a migration of its own"));
        Stream<Hazard> dropped = removed(
                        facts.before().relations(), facts.after().relations())
                .filter(index -> index.isIndex() && facts.existedBefore(index.oid()))
                // a dropped constraint takes its index with it: there is no CONCURRENTLY way, and the lock is brief
                .filter(index -> !indexesOfConstraints(facts.before()).contains(index.oid()))
                .filter(index -> facts.after().relations().containsKey(index.table()))
                .filter(index -> !hasIndexNamed(facts.after(), index.qualifiedName()))
                .filter(index -> facts.locked(index.table(), StatementFacts.ACCESS_EXCLUSIVE))
                .map(index -> facts.hazard(
                        LintRule.INDEX_NOT_CONCURRENT,
                        "DROP INDEX " + index.qualifiedName() + " on existing table " + facts.nameOf(index.table())
                                + " took an ACCESS EXCLUSIVE lock, blocking reads and writes; use DROP INDEX"
                                + " CONCURRENTLY in a migration of its own"));
        return Stream.concat(created, dropped);
    }

    /** A foreign key or CHECK added validated to an existing table: it scanned the table under lock. */
    static Stream<Hazard> constraintNotValid(StatementFacts facts) {
        return addedConstraints(facts)
                .filter(constraint -> (constraint.type() == 'f' || constraint.type() == 'c') && constraint.validated())
                .filter(constraint -> facts.existedBefore(constraint.table()))
                .map(constraint -> facts.hazard(
                        LintRule.CONSTRAINT_NOT_VALID,
                        (constraint.type() == 'f' ? "Foreign key " : "CHECK constraint ") + constraint.name()
                                + " added to existing table " + facts.nameOf(constraint.table())
                                + " was validated at once, scanning the table while writes wait; add it NOT VALID"
                                + " and VALIDATE CONSTRAINT in a later migration"));
    }

    /** A NOT NULL column added to an existing table with nothing to fill the rows it has. */
    static Stream<Hazard> addColumnNotNull(StatementFacts facts) {
        return facts.after().columns().values().stream()
                .filter(column -> column.notNull() && !column.valued())
                .filter(column -> facts.existedBefore(column.key().table()))
                .filter(column -> !facts.before().columns().containsKey(column.key()))
                .map(column -> facts.hazard(
                        LintRule.ADD_COLUMN_NOT_NULL,
                        "ADD COLUMN " + facts.nameOf(column.key().table()) + "." + column.name() + " is NOT NULL"
                                + " without a default: it fails (SQLSTATE 23502) on a table that has rows; add it"
                                + " with a constant default, or nullable, fill it, then SET NOT NULL"));
    }

    /** An existing column made NOT NULL without a validated CHECK that proves it, so PostgreSQL scanned the table. */
    static Stream<Hazard> setNotNull(StatementFacts facts) {
        Set<Long> newPrimaryKeys = addedConstraints(facts)
                .filter(constraint -> constraint.type() == 'p')
                .map(Constraint::table)
                .collect(Collectors.toSet());
        return facts.before().columns().values().stream()
                .filter(column -> facts.existedBefore(column.key().table()) && !column.notNull())
                .filter(column -> {
                    Column now = facts.after().columns().get(column.key());
                    return now != null && now.notNull();
                })
                .filter(column -> !newPrimaryKeys.contains(column.key().table()))
                .filter(column -> !provenNotNull(facts.before(), column))
                .map(column -> facts.hazard(
                        LintRule.SET_NOT_NULL,
                        "SET NOT NULL on " + facts.nameOf(column.key().table()) + "." + column.name()
                                + " took an ACCESS EXCLUSIVE lock and scanned the table; add CHECK (" + column.name()
                                + " IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL"
                                + " (PostgreSQL 12+ then skips the scan)"));
    }

    /** Whether a validated CHECK (column IS NOT NULL) on the column's table lets PostgreSQL skip the scan. */
    private static boolean provenNotNull(CatalogState catalog, Column column) {
        Set<String> proofs = Set.of(
                "CHECK ((" + column.name() + " IS NOT NULL))", "CHECK ((\"" + column.name() + "\" IS NOT NULL))");
        return catalog.constraints().values().stream()
                .anyMatch(constraint -> constraint.table() == column.key().table()
                        && constraint.validated()
                        && constraint.type() == 'c'
                        && proofs.contains(constraint.definition()));
    }

    /** An existing table whose files PostgreSQL replaced: a type change or an added column rewrote it. */
    static Stream<Hazard> rewrites(StatementFacts facts) {
        if (Set.of("VACUUM", "CLUSTER", "REINDEX").contains(facts.command())) {
            return rewriteMaintenance(facts);
        }
        List<Hazard> hazards = new ArrayList<>();
        for (Relation table : facts.before().relations().values()) {
            if (table.isTable() && facts.existedBefore(table.oid()) && facts.rewritten(table)) {
                hazards.addAll(rewriteOf(facts, table));
            }
        }
        return hazards.stream();
    }

    private static List<Hazard> rewriteOf(StatementFacts facts, Relation table) {
        List<Hazard> hazards = new ArrayList<>();
        for (Column column : facts.after().columns().values()) {
            if (column.key().table() != table.oid()) {
                continue;
            }
            Column was = facts.before().columns().get(column.key());
            if (was == null) {
                hazards.add(facts.hazard(
                        LintRule.ADD_COLUMN_REWRITE,
                        "ADD COLUMN " + table.qualifiedName() + "." + column.name() + " rewrote the whole table"
                                + " under an ACCESS EXCLUSIVE lock; add the column without a default (or with a"
                                + " constant one) and fill it in batches"));
            } else if (was.type() != column.type() || was.typeModifier() != column.typeModifier()) {
                hazards.add(facts.hazard(
                        LintRule.TYPE_CHANGE_REWRITE,
                        "Changing " + table.qualifiedName() + "." + column.name() + " from " + was.typeName()
                                + " to " + column.typeName() + " rewrote the table and its indexes under an ACCESS"
                                + " EXCLUSIVE lock; add a new column, fill it in batches and switch over"));
            }
        }
        return hazards;
    }

    /** VACUUM FULL, CLUSTER or REINDEX that rewrote an existing relation. */
    private static Stream<Hazard> rewriteMaintenance(StatementFacts facts) {
        List<String> rewritten = facts.before().relations().values().stream()
                .filter(relation -> facts.existedBefore(relation.oid()) && facts.rewritten(relation))
                .map(Relation::qualifiedName)
                .sorted()
                .toList();
        if (rewritten.isEmpty()) {
            return Stream.empty();
        }
        return Stream.of(facts.hazard(
                LintRule.REWRITE_MAINTENANCE,
                facts.command() + " rewrote " + String.join(", ", rewritten) + " while holding a lock that blocks"
                        + " writes (ACCESS EXCLUSIVE for VACUUM FULL and CLUSTER); use REINDEX CONCURRENTLY, or"
                        + " pg_repack outside of migrations"));
    }

    /** A PRIMARY KEY or UNIQUE constraint on an existing table whose index the statement built. */
    static Stream<Hazard> constraintWithoutIndex(StatementFacts facts) {
        return addedConstraints(facts)
                .filter(constraint -> constraint.type() == 'p' || constraint.type() == 'u')
                .filter(constraint -> facts.existedBefore(constraint.table()))
                .filter(constraint -> !facts.before().relations().containsKey(constraint.index()))
                .map(constraint -> facts.hazard(
                        LintRule.CONSTRAINT_WITHOUT_INDEX,
                        (constraint.type() == 'p' ? "PRIMARY KEY " : "UNIQUE constraint ") + constraint.name()
                                + " on existing table " + facts.nameOf(constraint.table())
                                + " built its index under an ACCESS EXCLUSIVE lock; CREATE UNIQUE INDEX"
                                + " CONCURRENTLY in a migration of its own, then add the constraint USING INDEX"));
    }

    /** ACCESS EXCLUSIVE on an existing table while lock_timeout was 0: everything queues behind the wait. */
    static Stream<Hazard> lockTimeoutMissing(StatementFacts facts) {
        if (!isZero(facts.lockTimeout())) {
            return Stream.empty();
        }
        List<String> tables = names(facts, facts.exclusivelyLockedTables());
        return tables.isEmpty()
                ? Stream.empty()
                : Stream.of(facts.hazard(
                        LintRule.LOCK_TIMEOUT_MISSING,
                        "ACCESS EXCLUSIVE lock on existing table " + String.join(", ", tables) + " with no"
                                + " lock_timeout: while it waits for the lock every query on the table queues"
                                + " behind it; SET lock_timeout before it in the migration"));
    }

    private static boolean isZero(String setting) {
        return setting.strip().matches("0+\\s*[a-z]*");
    }

    /** Tables, columns, schemas and types that existed before the migration and are gone after the statement. */
    static Stream<Hazard> dropObject(StatementFacts facts) {
        CatalogState before = facts.before();
        CatalogState after = facts.after();
        Stream<String> tables = removed(before.relations(), after.relations())
                .filter(table -> table.isTable() && facts.existedBefore(table.oid()))
                .map(table -> "table " + table.qualifiedName());
        Stream<String> columns = removed(before.columns(), after.columns())
                .filter(column -> facts.existedBefore(column.key().table())
                        && after.relations().containsKey(column.key().table()))
                .map(column -> "column " + facts.nameOf(column.key().table()) + "." + column.name());
        Stream<String> schemas = removed(before.schemas(), after.schemas())
                .filter(schema -> facts.atStart().schemas().containsKey(schema.oid()))
                .map(schema -> "schema " + schema.name());
        Stream<String> types = removed(before.types(), after.types())
                .filter(type -> facts.atStart().types().containsKey(type.oid()))
                .map(type -> "type " + type.qualifiedName());
        return Stream.of(tables, columns, schemas, types)
                .flatMap(Function.identity())
                .sorted()
                .map(object -> facts.hazard(
                        LintRule.DROP_OBJECT,
                        "Dropped " + object + ", which existed before the migration: its data is gone and the"
                                + " running application still uses it; stop using it in one release and drop it in"
                                + " a later one"));
    }

    /** Existing tables and columns that keep their identity under a new name. */
    static Stream<Hazard> renameObject(StatementFacts facts) {
        CatalogState before = facts.before();
        CatalogState after = facts.after();
        Stream<String> tables = before.relations().values().stream()
                .filter(table -> table.isTable() && facts.existedBefore(table.oid()))
                .filter(table -> after.relations().containsKey(table.oid()))
                .filter(table ->
                        !after.relations().get(table.oid()).qualifiedName().equals(table.qualifiedName()))
                .map(table -> "table " + table.qualifiedName() + " to "
                        + after.relations().get(table.oid()).qualifiedName());
        Stream<String> columns = before.columns().values().stream()
                .filter(column -> facts.existedBefore(column.key().table()))
                .filter(column -> after.columns().containsKey(column.key()))
                .filter(column -> !after.columns().get(column.key()).name().equals(column.name()))
                .map(column -> "column " + facts.nameOf(column.key().table()) + "." + column.name() + " to "
                        + after.columns().get(column.key()).name());
        return Stream.concat(tables, columns)
                .sorted()
                .map(object -> facts.hazard(
                        LintRule.RENAME_OBJECT,
                        "Renamed " + object + ": the running application still uses the old name; add the new"
                                + " one, move the application, and drop the old one in a later release"));
    }

    /** The statement makes its transaction hold ACCESS EXCLUSIVE on a second existing table. */
    static Stream<Hazard> multipleExclusiveLocks(StatementFacts facts) {
        Set<Long> held = new TreeSet<>(facts.exclusiveEarlier());
        held.addAll(facts.exclusivelyLockedTables());
        if (held.size() < 2 || facts.exclusiveEarlier().size() >= 2) {
            return Stream.empty();
        }
        return Stream.of(facts.hazard(
                LintRule.MULTIPLE_EXCLUSIVE_LOCKS,
                "The transaction now holds ACCESS EXCLUSIVE locks on " + String.join(", ", names(facts, held))
                        + " at once, blocking all of them until it commits; change one table per migration"));
    }

    /** An existing enum gained a value inside a transaction, which PostgreSQL before 12 refuses. */
    static Stream<Hazard> enumValueInTransaction(StatementFacts facts) {
        if (!enumValueBreaksTransaction(facts.serverVersionNumber(), facts.inTransaction())) {
            return Stream.empty();
        }
        return facts.after().types().values().stream()
                .filter(type -> facts.atStart().types().containsKey(type.oid()))
                .filter(type -> type.enumValues()
                        > facts.before().types().get(type.oid()).enumValues())
                .map(type -> facts.hazard(
                        LintRule.ENUM_VALUE_IN_TRANSACTION,
                        "ALTER TYPE " + type.qualifiedName() + " ADD VALUE ran in a transaction, which PostgreSQL "
                                + facts.serverVersionNumber() / 10_000 + " refuses; put it in a migration of its own"
                                + " with executeInTransaction=false"));
    }

    /** Whether adding an enum value fails: inside a transaction block before PostgreSQL 12. */
    static boolean enumValueBreaksTransaction(int serverVersionNumber, boolean inTransaction) {
        return inTransaction && serverVersionNumber < ENUM_IN_TRANSACTION_SINCE;
    }

    /** squawk's type advice, read from the catalog types of the columns the statement added. */
    static Stream<Hazard> typeAdvice(StatementFacts facts) {
        return added(facts.before().columns(), facts.after().columns())
                .flatMap(column -> typeAdvice(facts, column).stream());
    }

    private static List<Hazard> typeAdvice(StatementFacts facts, Column column) {
        String name = facts.nameOf(column.key().table()) + "." + column.name();
        List<Hazard> hazards = new ArrayList<>();
        if (column.serial()) {
            hazards.add(facts.hazard(
                    LintRule.PREFER_IDENTITY,
                    "New column " + name + " is serial; use GENERATED BY DEFAULT AS IDENTITY"));
        }
        Map<Long, LintRule> advice = Map.of(
                JSON, LintRule.PREFER_JSONB, TIMESTAMP, LintRule.PREFER_TIMESTAMPTZ, BPCHAR, LintRule.PREFER_TEXT);
        LintRule rule = advice.get(column.type());
        if (rule != null) {
            hazards.add(
                    facts.hazard(rule, "New column " + name + " is " + column.typeName() + "; " + typeInstead(rule)));
        }
        return hazards;
    }

    private static String typeInstead(LintRule rule) {
        return switch (rule) {
            case PREFER_JSONB -> "use jsonb";
            case PREFER_TIMESTAMPTZ -> "use timestamptz";
            default -> "use text (with a CHECK on its length if needed)";
        };
    }

    private static List<String> names(StatementFacts facts, Set<Long> oids) {
        return oids.stream().map(facts::nameOf).sorted().toList();
    }

    private static Set<Long> indexesOfConstraints(CatalogState catalog) {
        return catalog.constraints().values().stream()
                .map(Constraint::index)
                .filter(index -> index != 0)
                .collect(Collectors.toSet());
    }

    private static boolean hasIndexNamed(CatalogState catalog, String qualifiedName) {
        return catalog.relations().values().stream()
                .anyMatch(relation ->
                        relation.isIndex() && relation.qualifiedName().equals(qualifiedName));
    }

    /**
     * The constraints the statement added: new oids, except those PostgreSQL re-created as they were. A column type
     * change re-creates the constraints on the column under new oids with the same names and definitions, reusing
     * their indexes and skipping the foreign keys' validation where the old values still hold; a constraint dropped
     * and added again under its name with another definition (e.g. to add ON DELETE CASCADE) is new, and validated
     * again.
     */
    private static Stream<Constraint> addedConstraints(StatementFacts facts) {
        Set<String> unchanged = facts.before().constraints().values().stream()
                .map(Rules::sameConstraint)
                .collect(Collectors.toSet());
        return added(facts.before().constraints(), facts.after().constraints())
                .filter(constraint -> !unchanged.contains(sameConstraint(constraint)));
    }

    private static String sameConstraint(Constraint constraint) {
        return constraint.table() + "." + constraint.name() + " " + constraint.definition();
    }

    /** The values of {@code after} whose keys {@code before} lacks. */
    private static <K, V> Stream<V> added(Map<K, V> before, Map<K, V> after) {
        return after.entrySet().stream()
                .filter(entry -> !before.containsKey(entry.getKey()))
                .map(Map.Entry::getValue);
    }

    /** The values of {@code before} whose keys {@code after} lacks. */
    private static <K, V> Stream<V> removed(Map<K, V> before, Map<K, V> after) {
        return added(after, before);
    }
}
