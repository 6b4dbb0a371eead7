package dev.migrate.maven;

import java.util.Set;

/** Every {@code -D} user property of the plugin, in one place; each mirrors its XML parameter. */
final class PropertyNames {

    static final String SKIP = "migrate.skip";
    static final String URL = "migrate.url";
    static final String USER = "migrate.user";
    /** Read by the plugin, not injected by Maven: see the {@code password} parameter. */
    static final String PASSWORD_PROPERTY = "migrate.password";

    static final String SERVER_ID = "migrate.serverId";
    static final String SCHEMAS = "migrate.schemas";
    static final String LOCATIONS = "migrate.locations";
    static final String TARGET = "migrate.target";
    static final String DEV_DATABASE = "migrate.devDatabase";
    static final String LOCK_TIMEOUT = "migrate.lockTimeout";
    static final String MIGRATION_LOCK_TIMEOUT = "migrate.migrationLockTimeout";
    static final String SERVER_TIMEOUT = "migrate.serverTimeout";

    /** Prefixes of the properties that add entries to map parameters, e.g. {@code -Dmigrate.placeholders.tenant=x}. */
    static final String PLACEHOLDERS_PREFIX = "migrate.placeholders.";

    static final String FLYWAY_PREFIX = "migrate.flyway.";
    /** Overrides {@code <postgres><version>}. */
    static final String POSTGRES_VERSION = "migrate.postgres.version";
    /** Overrides {@code <postgres><port>}. */
    static final String POSTGRES_PORT = "migrate.postgres.port";

    static final String INFO_FORMAT = "migrate.info.format";

    static final String OFFLINE_FROM = "migrate.from";
    static final String OFFLINE_TO = "migrate.to";
    static final String OFFLINE_OUTPUT = "migrate.output";
    static final String OFFLINE_SKIP_JAVA_MIGRATIONS = "migrate.offline.skipJavaMigrations";
    static final String GENERATE_SKIP = "migrate.generate.skip";
    static final String GENERATE_FORCE = "migrate.generate.force";
    static final String GENERATE_OUTPUT_DIRECTORY = "migrate.generate.outputDirectory";
    static final String GENERATE_CACHE = "migrate.generate.cache";
    static final String GENERATE_CACHE_SIZE = "migrate.generate.cacheSize";
    static final String CODEGEN_URL = "migrate.codegenUrl";
    static final String CODEGEN_USER = "migrate.codegenUser";
    static final String CODEGEN_PASSWORD_PROPERTY = "migrate.codegenPassword";
    static final String CODEGEN_SERVER_ID = "migrate.codegenServerId";
    static final String WORKER = "migrate.worker";
    static final String WORKER_IDLE_TIMEOUT = "migrate.workerIdleTimeout";

    static final String BASELINE_VERSION = "migrate.baselineVersion";
    static final String BASELINE_DESCRIPTION = "migrate.baselineDescription";
    static final String CLEAN_CONFIRM = "migrate.clean.confirm";
    static final String CHECK_UPDATE = "migrate.check.update";
    static final String CHECK_DATABASE = "migrate.check.database";
    static final String CHECK_DRIFT = "migrate.check.drift";
    static final String CHECK_REPORTS = "migrate.check.reports";
    static final String CHECK_UNDO = "migrate.check.undo";
    static final String CHECK_LINT = "migrate.check.lint";
    static final String LINT_SKIP = "migrate.lint.skip";
    /** Overrides {@code <lint><since>}. */
    static final String LINT_SINCE = "migrate.lint.since";
    /** Overrides {@code <lint><all>}. */
    static final String LINT_ALL = "migrate.lint.all";
    /** Sets the level of a lint rule, e.g. {@code -Dmigrate.lint.rules.index-not-concurrent=warning}. */
    static final String LINT_RULES_PREFIX = "migrate.lint.rules.";

    static final String NEW_NAME = "migrate.name";
    static final String NEW_REPEATABLE = "migrate.new.repeatable";
    static final String NEW_UNDO = "migrate.new.undo";

    /** The properties the plugin reads itself rather than through a parameter's expression. */
    static final Set<String> READ_BY_THE_PLUGIN = Set.of(
            URL,
            PASSWORD_PROPERTY,
            CODEGEN_URL,
            CODEGEN_PASSWORD_PROPERTY,
            POSTGRES_VERSION,
            POSTGRES_PORT,
            LINT_SINCE,
            LINT_ALL);

    private PropertyNames() {}
}
