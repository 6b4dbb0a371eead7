package dev.migrate.lint;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.UserMistakeException;
import dev.migrate.lint.Observer.Observation;
import dev.migrate.migration.internals.FlywayInternals.SqlMigration;
import dev.migrate.migration.internals.ParsedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs migrations on the throwaway database statement by statement, as Flyway would (its statements, its
 * transaction mode), on one connection, and for the migrations it lints records what PostgreSQL did around each
 * statement and hands the facts to the {@link Rules}. Before each migration it restores the session as Flyway does
 * (its role and search path: a migration's SET ROLE or set_config('search_path', ...) does not leak into the next).
 *
 * <p>A statement Flyway's parser can run in a transaction runs in one even in a file Flyway runs outside a
 * transaction (then a transaction of its own, committed at once, as autocommit would): that is what lets pg_locks
 * show the locks it took. Statements that cannot (CREATE INDEX CONCURRENTLY, VACUUM) run in autocommit, and their
 * locks are gone when they end: for those the rules take the locks PostgreSQL documents.
 */
final class Replay {

    /** Refused in a transaction block: CREATE/DROP/REINDEX ... CONCURRENTLY, DETACH PARTITION ... CONCURRENTLY. */
    private static final Pattern CONCURRENTLY = Pattern.compile(
            "^\\s*(CREATE|DROP|REINDEX|ALTER)\\b[^;]*\\bCONCURRENTLY\\b", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final String ACTIVE_SQL_TRANSACTION = "25001";

    private final Connection connection;
    private final int serverVersionNumber;
    private final Observer observer;

    /** The connection's lock_timeout as Flyway's would start (the server's, or its init SQL's). */
    private final String defaultLockTimeout;

    /** Puts back the role, search path and lock_timeout the connection started with. */
    private final PreparedStatement restore;

    /** The migration being linted, or {@code null} while one is only applied. */
    private Linting linting;

    /** The catalog after the last statement, if it was observed; {@code null} after one that was not. */
    private CatalogState current;

    Replay(Connection connection) throws SQLException {
        this.connection = connection;
        this.serverVersionNumber = Integer.parseInt(show("server_version_num"));
        this.observer = new Observer(connection);
        this.defaultLockTimeout = show("lock_timeout");
        this.restore = connection.prepareStatement(
                "RESET ROLE; SELECT set_config('lock_timeout', ?, false)," + " set_config('search_path', ?, false)");
        restore.setString(1, defaultLockTimeout);
        restore.setString(2, show("search_path"));
    }

    /** What one linted migration has found so far, with the catalog and locks the next statement starts from. */
    private static final class Linting {
        final String script;
        final CatalogState atStart;
        final List<Hazard> hazards = new ArrayList<>();
        CatalogState catalog;
        String lockTimeout;
        Map<Long, Set<String>> held = Map.of();
        Set<Long> exclusiveInTransaction = new HashSet<>();

        Linting(String script, CatalogState atStart, String lockTimeout) {
            this.script = script;
            this.atStart = atStart;
            this.catalog = atStart;
            this.lockTimeout = lockTimeout;
        }
    }

    /** Applies a migration without linting it. */
    void apply(String script, SqlMigration migration) {
        linting = null;
        current = null;
        restoreSession();
        run(script, migration);
    }

    /** Applies a migration and returns its hazards. */
    List<Hazard> lint(String script, SqlMigration migration) {
        // each migration starts with the connection's lock_timeout, as it does when deployed on its own
        restoreSession();
        linting = new Linting(script, current != null ? current : observe().catalog(), defaultLockTimeout);
        run(script, migration);
        List<Hazard> hazards = linting.hazards;
        linting = null;
        return hazards;
    }

    private void run(String script, SqlMigration migration) {
        boolean inTransaction = migration.executeInTransaction();
        for (ParsedStatement statement : migration.statements()) {
            try {
                if (inTransaction && CONCURRENTLY.matcher(statement.sql()).find()) {
                    concurrentlyInTransaction(script, statement);
                } else if (inTransaction) {
                    begin();
                    runObserved(statement, true);
                } else {
                    runOnItsOwn(statement);
                }
            } catch (SQLException e) {
                throw failed(script, statement, e);
            }
        }
        try {
            commit();
        } catch (SQLException e) {
            throw failed(
                    script, migration.statements().get(migration.statements().size() - 1), e);
        }
    }

    /**
     * PostgreSQL would refuse the statement and fail the deployment: reported, then run outside the transaction so
     * that the rest of the migration can be linted.
     */
    private void concurrentlyInTransaction(String script, ParsedStatement statement) throws SQLException {
        if (linting != null) {
            linting.hazards.add(new Hazard(
                    script,
                    statement.line(),
                    LintRule.CONCURRENTLY_IN_TRANSACTION,
                    "Flyway runs this migration in a transaction, where PostgreSQL refuses CONCURRENTLY and the"
                            + " deployment fails; move the statement to a migration of its own",
                    statement.sql()));
        }
        commit();
        runOnItsOwn(statement);
    }

    /** A statement of a migration Flyway runs outside a transaction: in its own, if PostgreSQL allows one. */
    private void runOnItsOwn(ParsedStatement statement) throws SQLException {
        if (statement.transactional()) {
            begin();
            try {
                runObserved(statement, true);
                commit();
                return;
            } catch (SQLException e) {
                connection.rollback();
                connection.setAutoCommit(true);
                if (!ACTIVE_SQL_TRANSACTION.equals(e.getSQLState())) {
                    throw e;
                }
                // the parser thought it could run in a transaction, PostgreSQL disagrees: autocommit, as Flyway
            }
        }
        runObserved(statement, false);
    }

    private void begin() throws SQLException {
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
            if (linting != null) {
                linting.held = Map.of();
                linting.exclusiveInTransaction = new HashSet<>();
            }
        }
    }

    private void commit() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    private void runObserved(ParsedStatement statement, boolean inTransaction) throws SQLException {
        if (linting == null) {
            statement.executeOn(connection);
            return;
        }
        statement.executeOn(connection);
        Observation observed = observe();
        CatalogState after = observed.catalog();
        Map<Long, Set<String>> locks = inTransaction
                ? newLocks(linting.held, observed.locks())
                : DocumentedLocks.of(statement.sql(), linting.catalog, after);
        StatementFacts facts = new StatementFacts(
                linting.script,
                statement,
                inTransaction,
                linting.atStart,
                linting.catalog,
                after,
                locks,
                linting.lockTimeout,
                Set.copyOf(linting.exclusiveInTransaction),
                serverVersionNumber);
        linting.hazards.addAll(Rules.check(facts));
        if (inTransaction) {
            linting.exclusiveInTransaction.addAll(facts.exclusivelyLockedTables());
        }
        linting.catalog = after;
        current = after;
        linting.held = observed.locks();
        linting.lockTimeout = observed.lockTimeout();
    }

    /** What the connection looks like now; a failure to read it is the environment's, not the migration's. */
    private Observation observe() {
        try {
            return observer.observe();
        } catch (SQLException e) {
            throw new EnvironmentFailureException(
                    "Cannot read the catalog of the throwaway database: " + e.getMessage(), e);
        }
    }

    private String show(String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet value = statement.executeQuery("SHOW " + setting)) {
            value.next();
            return value.getString(1);
        }
    }

    /** The locks in {@code now} that {@code earlier} did not hold: those the last statement took. */
    private static Map<Long, Set<String>> newLocks(Map<Long, Set<String>> earlier, Map<Long, Set<String>> now) {
        Map<Long, Set<String>> taken = new HashMap<>();
        now.forEach((oid, modes) -> {
            Set<String> added = new HashSet<>(modes);
            added.removeAll(earlier.getOrDefault(oid, Set.of()));
            if (!added.isEmpty()) {
                taken.put(oid, added);
            }
        });
        return taken;
    }

    private UserMistakeException failed(String script, ParsedStatement statement, SQLException e) {
        return new UserMistakeException(
                script + ":" + statement.line() + " fails on the throwaway database (SQLSTATE " + e.getSQLState()
                        + "): " + e.getMessage().lines().findFirst().orElse("")
                        + ". Flyway would fail on it too: fix the migration, then lint again.",
                e);
    }

    /** Puts back the connection's role, search path and lock_timeout, as Flyway does after each migration. */
    private void restoreSession() {
        try {
            restore.execute();
        } catch (SQLException e) {
            throw new EnvironmentFailureException(
                    "Cannot prepare the throwaway database for the next migration: " + e.getMessage(), e);
        }
    }
}
