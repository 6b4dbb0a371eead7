package dev.migrate.lint;

import dev.migrate.lint.CatalogState.Relation;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The locks of a statement that ran outside a transaction, where pg_locks no longer shows them when it ends, as
 * PostgreSQL's documentation of the command gives them; only for the commands a rule needs (those that rewrite).
 * VACUUM FULL and CLUSTER take ACCESS EXCLUSIVE on the table they rewrite; REINDEX (not CONCURRENTLY) takes SHARE
 * on the table and ACCESS EXCLUSIVE on the index. Statements that run outside a transaction otherwise are the
 * CONCURRENTLY kind, which take SHARE UPDATE EXCLUSIVE, which no rule reports.
 */
final class DocumentedLocks {

    private DocumentedLocks() {}

    /** The documented locks of {@code sql} on the relations it rewrote (their files changed from before to after). */
    static Map<Long, Set<String>> of(String sql, CatalogState before, CatalogState after) {
        String command = StatementFacts.commandOf(sql);
        Map<Long, Set<String>> locks = new HashMap<>();
        for (Relation relation : before.relations().values()) {
            if (!relation.rewrittenBy(after)) {
                continue;
            }
            if (relation.isTable() && (command.equals("VACUUM") || command.equals("CLUSTER"))) {
                locks.put(relation.oid(), Set.of(StatementFacts.ACCESS_EXCLUSIVE));
            } else if (relation.isIndex() && command.equals("REINDEX")) {
                locks.put(relation.oid(), Set.of(StatementFacts.ACCESS_EXCLUSIVE));
                locks.put(relation.table(), Set.of(StatementFacts.SHARE));
            }
        }
        return locks;
    }
}
