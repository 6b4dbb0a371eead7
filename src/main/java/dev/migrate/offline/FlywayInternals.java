package dev.migrate.offline;

import dev.migrate.error.EnvironmentFailureException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.resolver.ResolvedMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resolver.sql.SqlMigrationExecutor;
import org.flywaydb.core.internal.resource.ResourceNameParser;
import org.flywaydb.core.internal.sqlscript.ParserSqlScript;
import org.flywaydb.core.internal.sqlscript.SqlScript;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.core.internal.util.AbbreviationUtils;
import org.flywaydb.database.postgresql.PostgreSQLAdvisoryLockTemplate;
import org.flywaydb.database.postgresql.PostgreSQLCopyParsedStatement;

/**
 * The one place that touches Flyway's internal API. Flyway's public API resolves migrations with their checksums but
 * has no way to hand out the statements it would execute; rendering them offline needs its parser, its parsing
 * context (placeholders), its history table DDL and its advisory lock key. Everything here is pinned by
 * {@code FlywayInternalsContractTest}: a Flyway upgrade that changes any of it fails that test, not a user's release.
 */
final class FlywayInternals {

    /** The Flyway release these internals were read from. */
    static final String PINNED_FLYWAY_VERSION = "13.12.0";

    /**
     * The query PostgreSQLSchema.doEmpty runs to decide that a schema is not empty (Flyway then refuses to create its
     * history table there), copied because the offline script must run it on the target; its {@code ?} is the
     * schema's name. Pinned by {@code FlywayInternalsContractTest}, which compares its verdict with Flyway's.
     */
    static final String NON_EMPTY_SCHEMA_QUERY = """
            SELECT EXISTS (
                SELECT c.oid FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_catalog.pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
                WHERE  n.nspname = ? AND d.objid IS NULL AND c.relkind IN ('r', 'v', 'S', 't')
              UNION ALL
                SELECT t.oid FROM pg_catalog.pg_type t
                JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                LEFT JOIN pg_catalog.pg_depend d ON d.objid = t.oid AND d.deptype = 'e'
                WHERE n.nspname = ? AND d.objid IS NULL AND t.typcategory NOT IN ('A', 'C')
              UNION ALL
                SELECT p.oid FROM pg_catalog.pg_proc p
                JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                LEFT JOIN pg_catalog.pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
                WHERE n.nspname = ? AND d.objid IS NULL
            )""";

    private FlywayInternals() {
    }

    /** Flyway's resolved migration behind a public {@link MigrationInfo}. */
    static ResolvedMigration resolved(MigrationInfo info) {
        return ((MigrationInfoImpl) info).getResolvedMigration();
    }

    /** The parsed SQL script Flyway would execute for a migration, or {@code null} for a Java-based migration. */
    static SqlScript sqlScript(ResolvedMigration migration) {
        if (!(migration.getExecutor() instanceof SqlMigrationExecutor executor)) {
            return null;
        }
        return (SqlScript) read(SqlMigrationExecutor.class, "sqlScript", executor);
    }

    /**
     * The placeholder values of Flyway's parsing context, shared by every script of one resolution: the live map, so
     * that values only the target database knows can be replaced before the statements are parsed.
     */
    static Map<String, String> parsingPlaceholders(SqlScript script) {
        return parsingContext(script).getPlaceholders();
    }

    /** The database Flyway resolved against: the parsing context's, whose version steers the parser. */
    static Database<?> parsingDatabase(SqlScript script) {
        return parsingContext(script).getDatabase();
    }

    private static ParsingContext parsingContext(SqlScript script) {
        Parser parser = (Parser) read(ParserSqlScript.class, "parser", script);
        return parser.parsingContext;
    }

    /** The statements of a script as Flyway splits them, placeholders replaced, with their COPY data. */
    static List<OfflineStatement> statements(SqlScript script) {
        List<OfflineStatement> statements = new ArrayList<>();
        try (SqlStatementIterator iterator = script.getSqlStatements()) {
            while (iterator.hasNext()) {
                SqlStatement statement = iterator.next();
                String copyData = statement instanceof PostgreSQLCopyParsedStatement copy
                        ? (String) read(PostgreSQLCopyParsedStatement.class, "copyData", copy) : null;
                statements.add(new OfflineStatement(statement.getLineNumber(), statement.getSql(),
                        statement.canExecuteInTransaction(), copyData));
            }
        }
        return statements;
    }

    /**
     * A repeatable migration's checksum as Flyway computes it, after placeholder replacement with the parsing
     * context's current values (which this class's caller may have changed since Flyway resolved it).
     */
    static int repeatableChecksum(SqlScript script, Configuration configuration) {
        LoadableResource resource = script.getResource();
        ParsingContext context = parsingContext(script);
        context.updateFilenamePlaceholder(new ResourceNameParser(configuration).parse(resource.getFilename()),
                configuration);
        LoadableResource replaced = script.placeholderReplacement()
                ? LoadableResource.createPlaceholderReplacingLoadableResource(resource, configuration, context)
                : resource;
        return ChecksumCalculator.calculate(replaced);
    }

    /** The history table, as Flyway names and quotes it, e.g. {@code "public"."flyway_schema_history"}. */
    static Table historyTable(Database<?> database, String schema, String table) {
        return database.getMainConnection().getSchema(schema).getTable(table);
    }

    /** The DDL Flyway runs to create its history table on PostgreSQL. */
    static String historyTableDdl(Database<?> database, Table table) {
        return database.getRawCreateScript(table, false);
    }

    /** The key of the session-level advisory lock Flyway takes on PostgreSQL while it migrates. */
    static long advisoryLockKey(Table table) {
        try {
            Constructor<PostgreSQLAdvisoryLockTemplate> constructor = PostgreSQLAdvisoryLockTemplate.class
                    .getDeclaredConstructor(Configuration.class,
                            org.flywaydb.core.internal.jdbc.JdbcTemplate.class, int.class);
            constructor.setAccessible(true);
            // the same discriminator PostgreSQLConnection.lock(table, ...) passes
            PostgreSQLAdvisoryLockTemplate template = constructor.newInstance(null, null, table.toString().hashCode());
            return (Long) read(PostgreSQLAdvisoryLockTemplate.class, "lockNum", template);
        } catch (ReflectiveOperationException e) {
            throw changedInternals("PostgreSQLAdvisoryLockTemplate(Configuration, JdbcTemplate, int)", e);
        }
    }

    /** The description as Flyway stores it in the history table (abbreviated to the column's width). */
    static String storedDescription(String description) {
        return AbbreviationUtils.abbreviateDescription(description);
    }

    /** The script name as Flyway stores it in the history table. */
    static String storedScript(String script) {
        return AbbreviationUtils.abbreviateScript(script);
    }

    private static Object read(Class<?> owner, String fieldName, Object instance) {
        try {
            Field field = owner.getDeclaredField(fieldName);
            field.setAccessible(true);
            return field.get(instance);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw changedInternals(owner.getName() + "." + fieldName, e);
        }
    }

    private static EnvironmentFailureException changedInternals(String member, Exception e) {
        return new EnvironmentFailureException("Flyway's internal " + member + " is not what migrate:offline-sql"
                + " was built against (Flyway " + PINNED_FLYWAY_VERSION + "). Use the Flyway version this plugin"
                + " declares: " + e, e);
    }
}
