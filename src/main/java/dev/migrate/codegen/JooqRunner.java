package dev.migrate.codegen;

import dev.migrate.log.BuildLog;
import javax.sql.DataSource;
import org.jooq.meta.jaxb.Configuration;

/** Where jOOQ's {@code GenerationTool} runs a configuration against the migrated database. */
public interface JooqRunner {

    /** In the build's own JVM. */
    JooqRunner IN_PROCESS = (dataSource, configuration, projectClassLoader, log) -> {
        JooqGenerator.runInProcess(dataSource, configuration, projectClassLoader);
        return "";
    };

    /**
     * Generates what {@code configuration} says into its target directory.
     *
     * @param projectClassLoader sees the project's classes and dependencies: custom generators, strategies and
     *                           converters named in {@code <generator>} may come from there
     * @return where it ran, for the log line: empty for the build's JVM
     */
    String run(DataSource dataSource, Configuration configuration, ClassLoader projectClassLoader, BuildLog log);
}
