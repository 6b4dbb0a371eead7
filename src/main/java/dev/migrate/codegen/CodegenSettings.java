package dev.migrate.codegen;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.migration.MigrationSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Strategy;
import org.jooq.meta.jaxb.Target;

/**
 * What jOOQ generates and where: the user's {@code <generator>} as given, completed with the plugin's defaults where
 * the user left something out. The user's object is never modified; {@link #effectiveGenerator()} returns a copy.
 *
 * @param generator              the user's {@code <generator>}, or {@code null}
 * @param schemas                the schemas Flyway manages; empty means {@code public}
 * @param historyTable           Flyway's history table, which is not part of the application's schema
 * @param basedir                the project's directory, against which a relative target directory resolves
 * @param defaultOutputDirectory where the classes go unless {@code <target><directory>} says otherwise
 * @param groupId                the project's groupId, from which the default package is derived
 */
public record CodegenSettings(
        Generator generator,
        List<String> schemas,
        String historyTable,
        Path basedir,
        Path defaultOutputDirectory,
        String groupId) {

    public static final String DEFAULT_HISTORY_TABLE = MigrationSettings.DEFAULT_HISTORY_TABLE;
    static final String POSTGRES_DATABASE = "org.jooq.meta.postgres.PostgresDatabase";
    static final String DEFAULT_SCHEMA = "public";
    /**
     * jOOQ's Java generator under its two names: {@code <name>}'s default, and the class that one extends. Strings,
     * so that the up-to-date check does not load jOOQ's generator.
     */
    private static final Set<String> JOOQ_JAVA_GENERATORS =
            Set.of("org.jooq.codegen.DefaultGenerator", "org.jooq.codegen.JavaGenerator");

    private static final String JOOQ_STRATEGY = "org.jooq.codegen.DefaultGeneratorStrategy";
    /** jOOQ's own default for {@code <target><directory>}, which stands for "not configured". */
    private static final String JOOQ_DEFAULT_DIRECTORY = new Target().getDirectory();

    public CodegenSettings {
        schemas = List.copyOf(schemas);
        basedir = basedir.toAbsolutePath();
        defaultOutputDirectory = basedir.resolve(defaultOutputDirectory);
    }

    /**
     * A copy of the user's generator with the defaults filled in: PostgreSQL, the configured schemas, the history
     * table excluded, the default output directory, and the package {@code <groupId>.db} when no {@code <target>} is
     * given. Whatever the user configured stays as it is.
     */
    public Generator effectiveGenerator() {
        return effectiveGenerator(JooqGenerator.jooqVersion());
    }

    /** {@link #effectiveGenerator()} when jOOQ {@code runningJooq} runs. */
    Generator effectiveGenerator(String runningJooq) {
        Generator effective = generator == null ? new Generator() : copy(generator);
        if (effective.getDatabase() == null) {
            effective.setDatabase(new Database());
        }
        completeDatabase(effective.getDatabase());
        if (usesJooqsGeneratorAndNaming(effective) && IndexedJavaGenerator.WRITTEN_FOR_JOOQ.equals(runningJooq)) {
            effective.setName(IndexedJavaGenerator.class.getName());
        }
        if (effective.getTarget() == null) {
            effective.setTarget(new Target().withPackageName(defaultPackage(groupId)));
        }
        Target target = effective.getTarget();
        target.setDirectory(outputDirectory(target).toString());
        return effective;
    }

    /**
     * Why jOOQ's own Java generator runs where {@link IndexedJavaGenerator} would: it relies on internals of the jOOQ
     * it was written for, and the user's build overrides the plugin's jOOQ with another one. Empty when nothing is
     * replaced.
     */
    Optional<String> whyNotIndexed(String runningJooq) {
        boolean replaced = usesJooqsGeneratorAndNaming(generator == null ? new Generator() : generator)
                && !IndexedJavaGenerator.WRITTEN_FOR_JOOQ.equals(runningJooq);
        return replaced
                ? Optional.of(
                        "jOOQ " + runningJooq + " runs, not " + IndexedJavaGenerator.WRITTEN_FOR_JOOQ
                                + " that the plugin's faster generator was written for: generating with jOOQ's own JavaGenerator")
                : Optional.empty();
    }

    /**
     * Everything {@link #effectiveGenerator()} is made from, as text: equal texts give equal generators. Cheaper than
     * the generator itself, whose copy costs the up-to-date check tens of milliseconds in a fresh JVM.
     */
    String describe() {
        return String.join(
                "\0",
                generator == null ? "" : generator.toString(),
                String.join(",", schemas),
                historyTable,
                basedir.toString(),
                defaultOutputDirectory.toString(),
                String.valueOf(groupId));
    }

    /** The directory the classes are written to, absolute: the source root to register. */
    public Path outputDirectory() {
        Target target = configuredTarget();
        return target == null ? defaultOutputDirectory : outputDirectory(target);
    }

    /** The target package's directory inside the output: the only place where files are ever removed. */
    Path packageDirectory() {
        Target target = configuredTarget();
        String packageName = target == null ? defaultPackage(groupId) : target.getPackageName();
        return outputDirectory().resolve(packageName.strip().replace('.', '/'));
    }

    /** The user's {@code <target>}, only read, or null when there is none and the default one applies. */
    private Target configuredTarget() {
        return generator == null ? null : generator.getTarget();
    }

    private Path outputDirectory(Target target) {
        String directory = target.getDirectory();
        if (directory == null || directory.isBlank() || directory.strip().equals(JOOQ_DEFAULT_DIRECTORY)) {
            return defaultOutputDirectory;
        }
        return basedir.resolve(directory.strip()).normalize();
    }

    /**
     * Whether jOOQ's Java generator runs with names that depend only on the definition (jOOQ's strategy or matchers):
     * then {@link IndexedJavaGenerator} gives the same classes faster. A generator or strategy class of the user's is
     * left alone.
     */
    private static boolean usesJooqsGeneratorAndNaming(Generator generator) {
        boolean jooqsGenerator = isBlank(generator.getJava())
                && (isBlank(generator.getName())
                        || JOOQ_JAVA_GENERATORS.contains(generator.getName().strip()));
        Strategy strategy = generator.getStrategy();
        boolean jooqsNaming = strategy == null
                || isBlank(strategy.getJava())
                        && (strategy.getMatchers() != null
                                || isBlank(strategy.getName())
                                || strategy.getName().strip().equals(JOOQ_STRATEGY));
        return jooqsGenerator && jooqsNaming;
    }

    private void completeDatabase(Database database) {
        if (isBlank(database.getName())) {
            database.setName(POSTGRES_DATABASE);
        }
        if (isBlank(database.getInputSchema()) && database.getSchemata().isEmpty()) {
            List<String> inputSchemas = schemas.isEmpty() ? List.of(DEFAULT_SCHEMA) : schemas;
            if (inputSchemas.size() == 1) {
                database.setInputSchema(inputSchemas.get(0));
            } else {
                inputSchemas.forEach(
                        schema -> database.getSchemata().add(new SchemaMappingType().withInputSchema(schema)));
            }
        }
        if (isBlank(database.getExcludes()) && isBlank(database.getExcludeSql())) {
            database.setExcludes(historyTable);
        }
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

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * A deep copy through Java serialization, which every jOOQ configuration bean supports: the beans are mutable and
     * have no copy constructors, and jOOQ's {@code GenerationTool} itself fills in missing parts of what it is given.
     */
    static Generator copy(Generator generator) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(generator);
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot copy the jOOQ generator configuration: " + e.getMessage(), e);
        }
        try (ObjectInputStream in = new JooqObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Generator) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new EnvironmentFailureException("Cannot copy the jOOQ generator configuration: " + e.getMessage(), e);
        }
    }

    /** Resolves the beans' classes in jOOQ's class loader, whichever thread's context class loader is current. */
    private static final class JooqObjectInputStream extends ObjectInputStream {

        JooqObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, Generator.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(description);
            }
        }
    }
}
