package dev.migrate.codegen;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jooq.Name;
import org.jooq.codegen.GeneratorStrategy;
import org.jooq.codegen.JavaGenerator;
import org.jooq.codegen.JavaWriter;
import org.jooq.meta.Database;
import org.jooq.meta.Definition;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.XMLTypeDefinition;

/**
 * jOOQ's {@link JavaGenerator}, with the same output, minus two costs that grow with the square of the schema. For
 * every column, jOOQ resolves its type by scanning every table, domain, enum, UDT and array of the schema for one of
 * that name, and for every array column it computes the record class name of every table and UDT. Here those name
 * lookups go through an index, and the class names of a definition are computed once: on 500 tables, a warm
 * generation is about 12% faster.
 *
 * <p>The plugin uses it in place of jOOQ's default generator only when the user's {@code <generator>} names none (or
 * jOOQ's default) and no strategy class of the user's, whose names might not be a function of the definition.
 * This is the one class that relies on {@link JavaGenerator}'s protected {@code getType}; the output is compared with
 * jOOQ's own generator's, byte for byte, by JooqCodegenEquivalenceTest, on the jOOQ the plugin declares: with any
 * other jOOQ (a user may override the plugin's dependency), jOOQ's own generator runs instead.
 */
public class IndexedJavaGenerator extends JavaGenerator {

    /** The jOOQ release this class was written for and compared with: the plugin's {@code jooq.version}. */
    static final String WRITTEN_FOR_JOOQ = "3.19.38";

    /** The lookups by name that scan a list; each has a list method of the same name plus {@code s}. */
    private static final Set<String> LOOKUPS = Set.of("getTable", "getDomain", "getEnum", "getUDT", "getArray");
    /** Strategy methods that are functions of (definition, mode), and that jOOQ calls over and over. */
    private static final Set<String> CLASS_NAMES =
            Set.of("getJavaPackageName", "getJavaClassName", "getFullJavaClassName");

    private Database indexedFor;
    private Database indexed;
    private GeneratorStrategy rememberingFor;
    private GeneratorStrategy remembering;

    @Override
    protected String getType(
            Database db,
            SchemaDefinition schema,
            JavaWriter out,
            String t,
            int p,
            int s,
            Name u,
            String javaType,
            String defaultType,
            GeneratorStrategy.Mode udtMode,
            XMLTypeDefinition xmlType) {
        if (db != indexedFor) {
            indexedFor = db;
            indexed = proxy(Database.class, db, new NameIndex(db));
        }
        return super.getType(indexed, schema, out, t, p, s, u, javaType, defaultType, udtMode, xmlType);
    }

    @Override
    public GeneratorStrategy getStrategy() {
        GeneratorStrategy strategy = super.getStrategy();
        if (strategy != null && strategy != rememberingFor) {
            rememberingFor = strategy;
            remembering = proxy(GeneratorStrategy.class, strategy, new ClassNames(strategy));
        }
        return strategy == null ? null : remembering;
    }

    /** Answers some calls itself, and {@link #ASK_THE_REAL_ONE} to the others (null is an answer: "none"). */
    private interface Shortcut {
        Object answer(Method method, Object[] arguments) throws ReflectiveOperationException;
    }

    private static final Object ASK_THE_REAL_ONE = new Object();

    private static <T> T proxy(Class<T> type, T real, Shortcut shortcut) {
        return type.cast(Proxy.newProxyInstance(
                IndexedJavaGenerator.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, arguments) -> {
                    try {
                        Object answer = shortcut.answer(method, arguments);
                        return answer != ASK_THE_REAL_ONE ? answer : method.invoke(real, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    /**
     * {@code getTable(schema, name)} and its siblings: the first definition of the list whose name equals, as jOOQ's
     * scan returns, found among those with the same last name part (a precondition of jOOQ's {@code Name.equals}).
     */
    private static final class NameIndex implements Shortcut {

        private final Database database;
        private final Map<String, Map<SchemaDefinition, Map<String, List<Definition>>>> byLookup = new HashMap<>();

        NameIndex(Database database) {
            this.database = database;
        }

        @Override
        public Object answer(Method method, Object[] arguments) throws ReflectiveOperationException {
            if (!LOOKUPS.contains(method.getName())
                    || arguments == null
                    || arguments.length != 2
                    || !(arguments[1] instanceof Name name)
                    || !isSchema(arguments[0])) {
                return ASK_THE_REAL_ONE;
            }
            Map<String, List<Definition>> byLastPart = index(method.getName(), (SchemaDefinition) arguments[0]);
            for (Definition candidate : byLastPart.getOrDefault(lastPart(name), List.of())) {
                if (candidate.getQualifiedNamePart().equals(name)) {
                    return candidate;
                }
            }
            return null;
        }

        private static boolean isSchema(Object argument) {
            return argument == null || argument instanceof SchemaDefinition;
        }

        private Map<String, List<Definition>> index(String lookup, SchemaDefinition schema)
                throws ReflectiveOperationException {
            Map<SchemaDefinition, Map<String, List<Definition>>> bySchema =
                    byLookup.computeIfAbsent(lookup, key -> new HashMap<>());
            Map<String, List<Definition>> byLastPart = bySchema.get(schema);
            if (byLastPart == null) {
                byLastPart = new HashMap<>();
                List<?> definitions = (List<?>) Database.class
                        .getMethod(lookup + "s", SchemaDefinition.class)
                        .invoke(database, schema);
                for (Object definition : definitions) {
                    byLastPart
                            .computeIfAbsent(
                                    lastPart(((Definition) definition).getQualifiedNamePart()),
                                    key -> new ArrayList<>())
                            .add((Definition) definition);
                }
                bySchema.put(schema, byLastPart);
            }
            return byLastPart;
        }

        /** jOOQ's Name.equals compares last parts with null and empty alike. */
        private static String lastPart(Name name) {
            return Objects.toString(name.last(), "");
        }
    }

    /** The strategy's class names of a definition in a mode, each computed once. */
    private static final class ClassNames implements Shortcut {

        private final GeneratorStrategy strategy;
        private final Map<Key, Object> names = new HashMap<>();

        ClassNames(GeneratorStrategy strategy) {
            this.strategy = strategy;
        }

        @Override
        public Object answer(Method method, Object[] arguments) throws ReflectiveOperationException {
            if (!CLASS_NAMES.contains(method.getName())
                    || arguments == null
                    || arguments.length != 2
                    || !(arguments[0] instanceof Definition)
                    || !(arguments[1] instanceof GeneratorStrategy.Mode)) {
                return ASK_THE_REAL_ONE;
            }
            Key key = new Key(method.getName(), arguments[0], arguments[1]);
            Object name = names.get(key);
            if (name == null) {
                name = method.invoke(strategy, arguments);
                names.put(key, name);
            }
            return name;
        }

        /** A definition by identity: definitions are equal by name, and a table and an enum may share one. */
        private record Key(String method, Object definition, Object mode) {

            @Override
            public boolean equals(Object other) {
                return other instanceof Key key
                        && key.definition == definition
                        && key.mode == mode
                        && key.method.equals(method);
            }

            @Override
            public int hashCode() {
                return Objects.hash(method, System.identityHashCode(definition), mode);
            }
        }
    }
}
