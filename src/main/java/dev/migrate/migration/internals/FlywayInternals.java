package dev.migrate.migration.internals;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.migration.internals.MigrationFile.Kind;
import dev.migrate.migration.internals.MigrationFile.UnresolvedPlaceholder;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resolver.ResolvedMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.exception.FlywaySqlException;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.parser.PlaceholderReplacingReader;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resolver.sql.SqlMigrationExecutor;
import org.flywaydb.core.internal.resource.ResourceName;
import org.flywaydb.core.internal.resource.ResourceNameParser;
import org.flywaydb.core.internal.scanner.Scanner;
import org.flywaydb.core.internal.sqlscript.ParserSqlScript;
import org.flywaydb.core.internal.sqlscript.SqlScript;
import org.flywaydb.core.internal.sqlscript.SqlScriptMetadata;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.core.internal.util.AbbreviationUtils;
import org.flywaydb.database.postgresql.PostgreSQLAdvisoryLockTemplate;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.flywaydb.database.postgresql.PostgreSQLCopyParsedStatement;
import org.flywaydb.database.postgresql.PostgreSQLDatabaseType;

/**
 * The one place that touches Flyway's internal API ({@code org.flywaydb.core.internal}), behind a facade of public
 * types. Flyway's public API resolves migrations with their checksums but has no way to hand out the statements it
 * would execute; rendering them offline (and linting them) needs its parser, its parsing context (placeholders), its
 * history table DDL and its advisory lock key, and telling its failures apart needs its internal exceptions.
 * Everything here is pinned by {@code FlywayInternalsContractTest}: a Flyway upgrade that changes any of it fails
 * that test, not a user's release. ArchitectureTest keeps the internal API out of every other class.
 */
public final class FlywayInternals {

    /** The Flyway release these internals were read from. */
    public static final String PINNED_FLYWAY_VERSION = "13.12.0";

    /**
     * The query PostgreSQLSchema.doEmpty runs to decide that a schema is not empty (Flyway then refuses to create its
     * history table there), copied because the offline script must run it on the target; its {@code ?} is the
     * schema's name. Pinned by {@code FlywayInternalsContractTest}, which compares its verdict with Flyway's.
     */
    public static final String NON_EMPTY_SCHEMA_QUERY = """
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

    /** Flyway Teams' default {@code undoSqlMigrationPrefix}: the undo script of {@code V7__x.sql} is {@code U7__x.sql}. */
    public static final String UNDO_SQL_MIGRATION_PREFIX = "U";

    /** How PlaceholderReplacingReader's message about a placeholder without a value starts. */
    static final String NO_PLACEHOLDER_VALUE = "No value provided for placeholder: ";

    private FlywayInternals() {}

    /**
     * Flyway's built-in placeholders, which it fills from the database it connects to (ParsingContext.populate) and
     * from each file's name. Without a database they count as set; pinned by {@code FlywayInternalsContractTest}.
     */
    static final List<String> BUILT_IN_PLACEHOLDERS = List.of(
            "flyway:defaultSchema",
            "flyway:user",
            "flyway:database",
            "flyway:timestamp",
            "flyway:filename",
            "flyway:workingDirectory",
            "flyway:table",
            "flyway:environment");

    /**
     * Every SQL file in the configuration's locations, read as Flyway reads it, without a database: Flyway's scanner
     * finds them, its ResourceNameParser names them (the rules of {@code validateMigrationNaming}, which
     * ResourceNameValidator applies file by file in just this way), its ChecksumCalculator checksums them, and its
     * PlaceholderReplacingReader replaces their placeholders. Flyway's public API does all of this only inside
     * {@code info()}, which connects.
     */
    public static List<MigrationFile> scan(Configuration configuration) {
        Scanner<JavaMigration> scanner = scanner(configuration);
        ResourceNameParser parser = new ResourceNameParser(configuration);
        List<MigrationFile> files = new ArrayList<>();
        for (LoadableResource resource : sqlResources(configuration, scanner)) {
            boolean replaced = placeholderReplacement(configuration, scanner, resource);
            files.add(migrationFile(configuration, resource, parser.parse(resource.getFilename()), replaced));
        }
        files.sort(Comparator.comparing(MigrationFile::script));
        return files;
    }

    private static Scanner<JavaMigration> scanner(Configuration configuration) {
        return new Scanner<>(JavaMigration.class, configuration, configuration.getLocations());
    }

    /** The SQL files Flyway's scanner finds, without the special files of PostgreSQL that Flyway leaves out. */
    private static List<LoadableResource> sqlResources(Configuration configuration, Scanner<JavaMigration> scanner) {
        List<String> special = new PostgreSQLDatabaseType().getSpecialResourceFilenames(configuration);
        return scanner.getResources("", configuration.getSqlMigrationSuffixes()).stream()
                .filter(resource -> !special.contains(resource.getFilename().toLowerCase(Locale.ROOT)))
                .toList();
    }

    /**
     * The names Flyway refuses, each with its reason, as {@code validateMigrationNaming} would list them, but without
     * the undo scripts: Flyway Community knows no undo prefix and refuses {@code U1__undo.sql} like a misspelt name.
     */
    public static List<String> refusedNamesBesidesUndo(Configuration configuration) {
        ResourceNameParser parser = new ResourceNameParser(configuration);
        List<String> refused = new ArrayList<>();
        for (LoadableResource resource : sqlResources(configuration, scanner(configuration))) {
            ResourceName name = parser.parse(resource.getFilename());
            if (!name.isValid() && undoName(configuration, resource.getFilename()) == null) {
                refused.add(name.getValidityMessage());
            }
        }
        return refused;
    }

    /**
     * The name of an undo script, {@code U<version>__<description>.sql} (Flyway Teams' {@code undoSqlMigrationPrefix}
     * beside the configured separator and suffixes), read by Flyway's own rules for a versioned name; {@code null}
     * for any other name.
     */
    private static ResourceName undoName(Configuration configuration, String filename) {
        if (!filename.startsWith(UNDO_SQL_MIGRATION_PREFIX)) {
            return null;
        }
        Configuration undoNaming = new FluentConfiguration(configuration.getClassLoader())
                .configuration(configuration)
                .sqlMigrationPrefix(UNDO_SQL_MIGRATION_PREFIX);
        ResourceName name = new ResourceNameParser(undoNaming).parse(filename);
        return name.isValid() && name.getType().isVersioned() ? name : null;
    }

    /** Flyway's reason for refusing {@code filename} as a migration name, or empty when it accepts it. */
    public static Optional<String> refusedName(Configuration configuration, String filename) {
        ResourceName name = new ResourceNameParser(configuration).parse(filename);
        return name.isValid() ? Optional.empty() : Optional.of(name.getValidityMessage());
    }

    /** Whether Flyway replaces the file's placeholders: its own {@code .conf} file may say otherwise. */
    private static boolean placeholderReplacement(
            Configuration configuration, Scanner<JavaMigration> scanner, LoadableResource resource) {
        SqlScriptMetadata metadata = SqlScriptMetadata.fromResource(
                SqlScriptMetadata.getMetadataResource(scanner, resource), null, configuration);
        return metadata.placeholderReplacement() == null
                ? configuration.isPlaceholderReplacement()
                : metadata.placeholderReplacement();
    }

    private static MigrationFile migrationFile(
            Configuration configuration, LoadableResource resource, ResourceName name, boolean replaced) {
        String onDisk = resource.getAbsolutePathOnDisk();
        Path file = onDisk == null ? null : Path.of(onDisk);
        List<UnresolvedPlaceholder> unresolved = replaced ? unresolvedPlaceholders(configuration, resource) : List.of();
        ResourceName undo = name.isValid() ? null : undoName(configuration, resource.getFilename());
        if (undo != null) {
            return new MigrationFile(
                    resource.getRelativePath(),
                    file,
                    Kind.UNDO,
                    undo.getVersion().toString(),
                    undo.getDescription(),
                    null,
                    ChecksumCalculator.calculate(resource),
                    unresolved);
        }
        if (!name.isValid()) {
            return new MigrationFile(
                    resource.getRelativePath(),
                    file,
                    Kind.INVALID,
                    null,
                    null,
                    name.getValidityMessage(),
                    0,
                    unresolved);
        }
        if (name.getType().isVersioned()) {
            return new MigrationFile(
                    resource.getRelativePath(),
                    file,
                    Kind.VERSIONED,
                    name.getVersion().toString(),
                    name.getDescription(),
                    null,
                    ChecksumCalculator.calculate(resource),
                    unresolved);
        }
        Kind kind =
                name.getPrefix().equals(configuration.getRepeatableSqlMigrationPrefix()) ? Kind.REPEATABLE : Kind.OTHER;
        return new MigrationFile(
                resource.getRelativePath(), file, kind, null, name.getDescription(), null, 0, unresolved);
    }

    /**
     * The placeholders Flyway's replacement stops at, found by reading the file through it again with each one found
     * set, so that Flyway's own rules (prefix, suffix, names without regard to case) decide.
     */
    private static List<UnresolvedPlaceholder> unresolvedPlaceholders(
            Configuration configuration, LoadableResource resource) {
        ParsingContext context = new ParsingContext();
        BUILT_IN_PLACEHOLDERS.forEach(name -> context.getPlaceholders().put(name, "built-in"));
        List<UnresolvedPlaceholder> unresolved = new ArrayList<>();
        while (true) {
            int line = 1;
            try (Reader reader = PlaceholderReplacingReader.create(configuration, context, resource.read())) {
                for (int c = reader.read(); c != -1; c = reader.read()) {
                    line += c == '\n' ? 1 : 0;
                }
                return unresolved;
            } catch (FlywayException e) {
                String name = unresolvedName(configuration, e);
                if (context.getPlaceholders().containsKey(name)) {
                    throw e; // Flyway stopped at a name it has a value for: not a missing value
                }
                unresolved.add(new UnresolvedPlaceholder(name, line));
                context.getPlaceholders().put(name, "unresolved");
            } catch (IOException e) {
                throw new EnvironmentFailureException("Cannot read " + resource.getAbsolutePath() + ": " + e, e);
            }
        }
    }

    /** The name in Flyway's "No value provided for placeholder: ${name}.  Check your configuration!". */
    private static String unresolvedName(Configuration configuration, FlywayException e) {
        String message = String.valueOf(e.getMessage());
        String start = NO_PLACEHOLDER_VALUE + configuration.getPlaceholderPrefix();
        int end = message.lastIndexOf(configuration.getPlaceholderSuffix() + ".");
        if (!message.startsWith(start) || end < start.length()) {
            throw e;
        }
        return message.substring(start.length(), end);
    }

    /**
     * The SQL migration Flyway resolved behind a {@link MigrationInfo}, or empty for a Java-based migration and for
     * an applied one whose file Flyway did not find.
     */
    public static Optional<SqlMigration> sqlMigration(MigrationInfo info) {
        ResolvedMigration resolved = ((MigrationInfoImpl) info).getResolvedMigration();
        if (resolved == null || !(resolved.getExecutor() instanceof SqlMigrationExecutor executor)) {
            return Optional.empty();
        }
        return Optional.of(
                new SqlMigration(resolved, (SqlScript) read(SqlMigrationExecutor.class, "sqlScript", executor)));
    }

    /** Flyway's PostgreSQL settings of a configuration: reachable only through its internal plugin register. */
    public static PostgreSQLConfigurationExtension postgresSettings(FluentConfiguration configuration) {
        return configuration.getPluginRegister().getExact(PostgreSQLConfigurationExtension.class);
    }

    /** The description as Flyway stores it in the history table (abbreviated to the column's width). */
    public static String storedDescription(String description) {
        return AbbreviationUtils.abbreviateDescription(description);
    }

    /** The script name as Flyway stores it in the history table. */
    public static String storedScript(String script) {
        return AbbreviationUtils.abbreviateScript(script);
    }

    /** The migration whose script failed, when {@code e} reports one; empty for any other failure. */
    public static Optional<FailedMigration> failedMigration(FlywayException e) {
        return e instanceof FlywayMigrateException failed
                ? Optional.of(new FailedMigration(
                        failed.getMigration(), failed.getLineNumber(), failed.isExecutableInTransaction()))
                : Optional.empty();
    }

    /** Whether {@code e} is Flyway's report of a failed SQL call outside a migration's script (connect, lock, DDL). */
    public static boolean isSqlFailure(FlywayException e) {
        return e instanceof FlywaySqlException;
    }

    /**
     * A migration script that failed.
     *
     * @param migration                the failed migration
     * @param lineNumber               the line of the failed statement, or 0 or less when unknown
     * @param executableInTransaction whether it ran in a transaction, so that its changes were rolled back
     */
    public record FailedMigration(MigrationInfo migration, int lineNumber, boolean executableInTransaction) {}

    /**
     * The DDL and lock of Flyway's history table on PostgreSQL.
     *
     * @param name           as Flyway names and quotes it, e.g. {@code "public"."flyway_schema_history"}
     * @param ddl            what Flyway runs to create it
     * @param advisoryLockKey the key of the session-level advisory lock Flyway takes while it migrates
     */
    public record HistoryTableSql(String name, String ddl, long advisoryLockKey) {}

    /** One SQL migration as Flyway resolved it, with the script its parser splits. */
    public static final class SqlMigration {

        private final ResolvedMigration resolved;
        private final SqlScript script;

        private SqlMigration(ResolvedMigration resolved, SqlScript script) {
            this.resolved = resolved;
            this.script = script;
        }

        /** The statements as Flyway splits them, placeholders replaced, with their COPY data. */
        public List<ParsedStatement> statements() {
            List<ParsedStatement> statements = new ArrayList<>();
            try (SqlStatementIterator iterator = script.getSqlStatements()) {
                while (iterator.hasNext()) {
                    SqlStatement statement = iterator.next();
                    String copyData = statement instanceof PostgreSQLCopyParsedStatement copy
                            ? (String) read(PostgreSQLCopyParsedStatement.class, "copyData", copy)
                            : null;
                    statements.add(new ParsedStatement(
                            statement.getLineNumber(),
                            statement.getSql(),
                            statement.canExecuteInTransaction(),
                            copyData));
                }
            }
            return statements;
        }

        /** The file's description, as Flyway read it from the name. */
        public String description() {
            return resolved.getDescription();
        }

        /** The file's path relative to its location, as Flyway names it in the history table. */
        public String script() {
            return resolved.getScript();
        }

        /** Whether Flyway runs the whole migration in one transaction. */
        public boolean executeInTransaction() {
            return resolved.getExecutor().canExecuteInTransaction();
        }

        /**
         * The checksum Flyway records. A repeatable migration's is computed after placeholder replacement, so it is
         * recomputed with the parsing context's current values (see {@link Parsing#overridePlaceholders}).
         */
        public int checksum(Configuration configuration) {
            if (resolved.getVersion() != null) {
                return resolved.getChecksum();
            }
            LoadableResource resource = script.getResource();
            ParsingContext context = parsingContext(script);
            context.updateFilenamePlaceholder(
                    new ResourceNameParser(configuration).parse(resource.getFilename()), configuration);
            LoadableResource replaced = script.placeholderReplacement()
                    ? LoadableResource.createPlaceholderReplacingLoadableResource(resource, configuration, context)
                    : resource;
            return ChecksumCalculator.calculate(replaced);
        }

        /** Flyway's parsing context, shared by every script of one resolution. */
        public Parsing parsing() {
            return new Parsing(parsingContext(script));
        }
    }

    /** Flyway's parsing context of one resolution: the placeholder values and the database that steer its parser. */
    public static final class Parsing {

        private final ParsingContext context;

        private Parsing(ParsingContext context) {
            this.context = context;
        }

        /** A placeholder's value, e.g. {@code flyway:defaultSchema}, or {@code null}. */
        public String placeholder(String name) {
            return context.getPlaceholders().get(name);
        }

        /**
         * Replaces placeholder values, also of Flyway's built-in ones that it derives from the database, in every
         * script of the resolution. Flyway parses lazily, with the values at that moment: call this before any
         * statement or checksum is read. Flyway has no supported way to set its built-in placeholders: this writes
         * into the context's live map.
         */
        public void overridePlaceholders(Map<String, String> values) {
            context.getPlaceholders().putAll(values);
        }

        /** Flyway's history table {@code table} in {@code schema} of the database it resolved against. */
        public HistoryTableSql historyTable(String schema, String table) {
            Database<?> database = context.getDatabase();
            Table historyTable = database.getMainConnection().getSchema(schema).getTable(table);
            return new HistoryTableSql(
                    historyTable.toString(),
                    database.getRawCreateScript(historyTable, false),
                    advisoryLockKey(historyTable));
        }
    }

    private static ParsingContext parsingContext(SqlScript script) {
        Parser parser = (Parser) read(ParserSqlScript.class, "parser", script);
        return parser.parsingContext;
    }

    /** The key of the session-level advisory lock Flyway takes on PostgreSQL while it migrates. */
    private static long advisoryLockKey(Table table) {
        try {
            Constructor<PostgreSQLAdvisoryLockTemplate> constructor =
                    PostgreSQLAdvisoryLockTemplate.class.getDeclaredConstructor(
                            Configuration.class, org.flywaydb.core.internal.jdbc.JdbcTemplate.class, int.class);
            constructor.setAccessible(true);
            // the same discriminator PostgreSQLConnection.lock(table, ...) passes
            PostgreSQLAdvisoryLockTemplate template =
                    constructor.newInstance(null, null, table.toString().hashCode());
            return (Long) read(PostgreSQLAdvisoryLockTemplate.class, "lockNum", template);
        } catch (ReflectiveOperationException e) {
            throw changedInternals("PostgreSQLAdvisoryLockTemplate(Configuration, JdbcTemplate, int)", e);
        }
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
        return new EnvironmentFailureException(
                "Flyway's internal " + member + " is not what this plugin was built"
                        + " against (Flyway " + PINNED_FLYWAY_VERSION + "). Use the Flyway version this plugin"
                        + " declares: " + e,
                e);
    }
}
