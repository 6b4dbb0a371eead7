package dev.migrate.lint;

import dev.migrate.lint.CatalogState.Relation;
import dev.migrate.migration.internals.ParsedStatement;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What PostgreSQL did when one statement of a migration ran on the throwaway database: what the rules decide from.
 *
 * @param script               the migration, as Flyway records it
 * @param statement            the statement, as Flyway's parser split it
 * @param inTransaction        whether it ran inside a transaction block
 * @param atStart              the catalog when the migration started: what existed before it
 * @param before               the catalog just before the statement
 * @param after                the catalog just after it
 * @param locks                the relation locks it took (modes by relation oid), as pg_locks showed them inside
 *                             its transaction, or, for a statement run outside one, as PostgreSQL documents them
 * @param lockTimeout          the lock_timeout setting when it started ({@code 0} when none)
 * @param exclusiveEarlier     the existing tables earlier statements of the same transaction hold ACCESS EXCLUSIVE
 * @param serverVersionNumber  the server's {@code server_version_num}, e.g. 150004
 */
record StatementFacts(
        String script,
        ParsedStatement statement,
        boolean inTransaction,
        CatalogState atStart,
        CatalogState before,
        CatalogState after,
        Map<Long, Set<String>> locks,
        String lockTimeout,
        Set<Long> exclusiveEarlier,
        int serverVersionNumber) {

    static final String ACCESS_EXCLUSIVE = "AccessExclusiveLock";
    static final String SHARE = "ShareLock";

    /** Whether the relation existed before the migration started (one the migration created is never a hazard). */
    boolean existedBefore(long oid) {
        return atStart.relations().containsKey(oid);
    }

    /** Whether the statement took lock {@code mode} on relation {@code oid}. */
    boolean locked(long oid, String mode) {
        return locks.getOrDefault(oid, Set.of()).contains(mode);
    }

    /** Whether the relation's files were replaced: PostgreSQL rewrote it. */
    boolean rewritten(Relation relation) {
        return relation.rewrittenBy(after);
    }

    /**
     * The tables and materialized views (what the application's queries read) that existed before the migration and
     * that the statement locked ACCESS EXCLUSIVE.
     */
    Set<Long> exclusivelyLockedTables() {
        return locks.entrySet().stream()
                .filter(entry -> entry.getValue().contains(ACCESS_EXCLUSIVE))
                .map(Map.Entry::getKey)
                .filter(oid ->
                        existedBefore(oid) && atStart.relations().get(oid).isQueried())
                .collect(Collectors.toSet());
    }

    /** A relation's name as the catalog had it before or after the statement or at the migration's start. */
    String nameOf(long oid) {
        Relation relation = Stream.of(before, after, atStart)
                .map(catalog -> catalog.relations().get(oid))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        return relation == null ? "relation " + oid : relation.qualifiedName();
    }

    /** The first word of the statement, in upper case: VACUUM, CLUSTER, REINDEX... */
    String command() {
        return commandOf(statement.sql());
    }

    /** The first word of {@code sql}, in upper case. */
    static String commandOf(String sql) {
        String text = sql.stripLeading();
        int end = 0;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end).toUpperCase(Locale.ROOT);
    }

    Hazard hazard(LintRule rule, String message) {
        return new Hazard(script, statement.line(), rule, message, statement.sql());
    }
}
