package dev.migrate.codegen;

import java.io.Serializable;
import java.util.List;

/**
 * One run of jOOQ's code generator as the JVM that runs it receives it: the user's {@code <generator>} XML and what
 * completes it, as plain text, so that the build's JVM needs no jOOQ to hand the run to the codegen worker, and the
 * warm worker parses and checks the XML ({@link JooqConfiguration}).
 *
 * @param generatorXml the user's {@code <generator>}, or {@code null}
 * @param schemas      the schemas Flyway manages; empty means {@code public}
 * @param historyTable Flyway's history table, excluded unless the user's excludes say otherwise
 * @param groupId      the project's groupId, from which the default package is derived
 * @param basedir      the project's directory
 * @param directory    where jOOQ writes, absolute: a staging directory
 */
public record JooqRun(
        String generatorXml,
        List<String> schemas,
        String historyTable,
        String groupId,
        String basedir,
        String directory)
        implements Serializable {

    public JooqRun {
        schemas = List.copyOf(schemas);
    }

    /** The run of {@code settings} into {@code directory}. */
    static JooqRun of(CodegenSettings settings, String directory) {
        return new JooqRun(
                settings.generator() == null ? null : settings.generator().xml(),
                settings.schemas(),
                settings.historyTable(),
                settings.groupId(),
                settings.basedir().toString(),
                directory);
    }
}
