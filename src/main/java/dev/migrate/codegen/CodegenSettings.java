package dev.migrate.codegen;

import dev.migrate.migration.MigrationSettings;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;

/**
 * What jOOQ generates and where: the user's {@code <generator>} as given, completed with the plugin's defaults where
 * the user left something out ({@link JooqConfiguration#effectiveGenerator}). Needs no jOOQ: where the classes go is
 * read from the XML.
 *
 * @param generator              the user's {@code <generator>}, or {@code null}
 * @param schemas                the schemas Flyway manages; empty means {@code public}
 * @param historyTable           Flyway's history table, which is not part of the application's schema
 * @param basedir                the project's directory, against which a relative target directory resolves
 * @param defaultOutputDirectory where the classes go unless {@code <target><directory>} says otherwise
 * @param groupId                the project's groupId, from which the default package is derived
 */
public record CodegenSettings(
        GeneratorXml generator,
        List<String> schemas,
        String historyTable,
        Path basedir,
        Path defaultOutputDirectory,
        String groupId) {

    public static final String DEFAULT_HISTORY_TABLE = MigrationSettings.DEFAULT_HISTORY_TABLE;
    /** jOOQ's own default for {@code <target><directory>}, which stands for "not configured". */
    static final String JOOQ_DEFAULT_DIRECTORY = "target/generated-sources/jooq";
    /** jOOQ's own default for {@code <target><packageName>}, which applies to a {@code <target>} without one. */
    static final String JOOQ_DEFAULT_PACKAGE = "org.jooq.generated";

    public CodegenSettings {
        schemas = List.copyOf(schemas);
        basedir = basedir.toAbsolutePath();
        defaultOutputDirectory = basedir.resolve(defaultOutputDirectory);
    }

    /**
     * Everything the effective generator is made from, as text: equal texts give equal generators. The XML is the
     * Maven layer's canonical serialization, so that the same configuration always gives the same text.
     */
    String describe() {
        return String.join(
                "\0",
                generator == null ? "" : generator.xml(),
                String.join(",", schemas),
                historyTable,
                basedir.toString(),
                defaultOutputDirectory.toString(),
                String.valueOf(groupId));
    }

    /** The directory the classes are written to, absolute: the source root to register. */
    public Path outputDirectory() {
        String directory =
                configuredTarget().map(target -> target.get("directory")).orElse(null);
        if (directory == null || directory.isEmpty() || directory.equals(JOOQ_DEFAULT_DIRECTORY)) {
            return defaultOutputDirectory;
        }
        return basedir.resolve(directory).normalize();
    }

    /** The target package's directory inside the output: the only place where files are ever removed. */
    Path packageDirectory() {
        return outputDirectory().resolve(packageName().replace('.', '/'));
    }

    /**
     * The name of the file that keeps the fingerprint of these classes: one per package, so that two executions of a
     * module that generate two packages (two schemas, or two styles of classes) each find theirs, rather than each
     * regenerating over the other's on every build.
     */
    public String fingerprintFileName() {
        return "codegen-" + packageName() + ".fingerprint";
    }

    private String packageName() {
        return configuredTarget()
                .map(target -> target.getOrDefault("packageName", JOOQ_DEFAULT_PACKAGE))
                .orElseGet(() -> defaultPackage(groupId));
    }

    /** jOOQ's {@code <target><clean>}: whether files jOOQ did not generate this time are removed. */
    boolean removesStaleFiles() {
        String clean = configuredTarget().map(target -> target.get("clean")).orElse(null);
        return !("false".equals(clean) || "0".equals(clean));
    }

    /** jOOQ's {@code <target><encoding>}, in which it writes the sources. */
    Charset encoding() {
        String encoding =
                configuredTarget().map(target -> target.get("encoding")).orElse(null);
        return encoding == null || encoding.isEmpty() ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    }

    /** The user's {@code <target>}, element by element, or empty when there is none and the default one applies. */
    private Optional<Map<String, String>> configuredTarget() {
        return generator == null ? Optional.empty() : generator.target();
    }

    /** {@code <groupId>.db}, each segment made a valid Java identifier: {@code com.my-shop} gives {@code com.my_shop.db}. */
    static String defaultPackage(String groupId) {
        String base = groupId == null || groupId.isBlank() ? "generated" : groupId;
        return Arrays.stream((base + ".db").split("\\."))
                .filter(segment -> !segment.isEmpty())
                .map(CodegenSettings::identifier)
                .collect(Collectors.joining("."));
    }

    private static String identifier(String segment) {
        String cleaned = segment.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (!Character.isJavaIdentifierStart(cleaned.charAt(0))) {
            cleaned = "_" + cleaned;
        }
        return SourceVersion.isKeyword(cleaned) ? cleaned + "_" : cleaned;
    }
}
