package dev.migrate.preload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

class ClassPreloadTest {

    /** The libraries whose versions the plugin's pom pins; the JDK's classes differ between JDK versions. */
    private static final Predicate<String> LIBRARY = name ->
            name.startsWith("org.jooq.") || name.startsWith("org.flywaydb.") || name.startsWith("org.postgresql.");

    @Test
    void theListNamesClassesTheLibrariesOfThePluginHave() {
        List<String> names = ClassPreload.names(getClass().getClassLoader());
        List<String> missing =
                names.stream().filter(LIBRARY).filter(name -> !loadable(name)).toList();
        assertTrue(names.stream().filter(LIBRARY).count() > 1_000, names.size() + " names");
        assertEquals(
                List.of(),
                missing,
                "jOOQ, Flyway or the PostgreSQL driver changed: record the list again with src/build/preload-classes");
    }

    @Test
    void loadsWhatItIsAskedForAndPassesOverWhatTheClassPathLacks() {
        String list = """
                # a comment
                org.postgresql.Driver
                org.example.GoneInThisVersion
                org.jooq.impl.DSL
                javax.crypto.Mac
                """;
        IsolatedLoader driverOnly = new IsolatedLoader(list);
        IsolatedLoader all = new IsolatedLoader(list);

        assertEquals(2, ClassPreload.load(driverOnly, ClassPreload.DRIVER));
        assertEquals(3, ClassPreload.load(all, ClassPreload.ALL));

        assertEquals(List.of("org.postgresql.Driver"), driverOnly.loaded("org.postgresql.Driver", "org.jooq.impl.DSL"));
        assertEquals(
                List.of("org.postgresql.Driver", "org.jooq.impl.DSL"),
                all.loaded("org.postgresql.Driver", "org.jooq.impl.DSL"));
    }

    @Test
    void aPackageTheClassPathLacksCostsOneLookupAndAClassGoneFromAPresentPackageOnlyItsOwn() {
        IsolatedLoader loader = new IsolatedLoader("""
                org.example.absent.First
                org.example.absent.Second
                org.example.absent.Third
                org.jooq.impl.DSL
                org.jooq.impl.GoneInThisVersion
                org.jooq.impl.SQLDataType
                """);

        assertEquals(2, ClassPreload.load(loader, ClassPreload.ALL));

        assertEquals(List.of("org.example.absent.First"), loader.lookedUp("org.example.absent."));
        assertEquals(
                List.of("org.jooq.impl.DSL", "org.jooq.impl.SQLDataType"),
                loader.loaded("org.jooq.impl.DSL", "org.jooq.impl.SQLDataType"));
    }

    @Test
    void withoutAListNothingIsLoaded() {
        IsolatedLoader loader = new IsolatedLoader(null);

        assertEquals(0, ClassPreload.load(loader, ClassPreload.ALL));
        assertEquals(List.of(), loader.loaded("org.postgresql.Driver", "org.jooq.impl.DSL"));
    }

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, ClassPreloadTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Defines the driver's and jOOQ's classes itself, from their jars, so that which of them were loaded through it
     * shows; serves {@code list} as the preload list.
     */
    private static final class IsolatedLoader extends URLClassLoader {

        private final String list;
        private final List<String> lookedUp = new java.util.ArrayList<>();

        IsolatedLoader(String list) {
            super(new URL[] {jarOf(Driver.class), jarOf(DSL.class)}, ClassLoader.getPlatformClassLoader());
            this.list = list;
        }

        /** The classes asked for whose names start with {@code prefix}, in order. */
        List<String> lookedUp(String prefix) {
            return lookedUp.stream().filter(name -> name.startsWith(prefix)).toList();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (lookedUp) {
                lookedUp.add(name);
            }
            return super.loadClass(name, resolve);
        }

        List<String> loaded(String... names) {
            return Stream.of(names)
                    .filter(name -> findLoadedClass(name) != null)
                    .toList();
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            if (!name.equals(ClassPreload.LIST)) {
                return super.getResourceAsStream(name);
            }
            return list == null ? null : new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8));
        }

        private static URL jarOf(Class<?> type) {
            return type.getProtectionDomain().getCodeSource().getLocation();
        }
    }
}
