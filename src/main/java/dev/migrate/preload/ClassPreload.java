package dev.migrate.preload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Loads, on a background thread, the classes that the work about to start will need, while the thread that does it
 * waits for something else (a PostgreSQL server starting, a database migrating). A build's JVM is cold: jOOQ, Flyway and
 * the PostgreSQL driver are some 2,000 classes read from their jars one at a time as each is first used, and on two
 * cores the second one is idle while the first waits for the server. Loading them ahead takes that off the path.
 *
 * <p>The classes are listed in {@value #LIST}, in the order a generation in a fresh JVM first used them (see
 * {@code src/build/preload-classes} for how it is recorded). A class the list names that the libraries on the class
 * path do not have (another jOOQ or Flyway version, given in the plugin's {@code <dependencies>}) is passed over: the
 * list only ever saves time, it never decides what runs. Classes are loaded, not initialized, so that no static
 * initializer runs earlier or on another thread than it would without the preload.
 */
public final class ClassPreload {

    /** The classpath resource with the class names, one per line. */
    static final String LIST = "META-INF/migrate-maven-plugin/preload-classes.txt";

    /** What the PostgreSQL driver needs to connect with scram-sha-256: the driver and the JDK's cryptography. */
    public static final Predicate<String> DRIVER = name -> name.startsWith("org.postgresql.")
            || name.startsWith("javax.crypto.")
            || name.startsWith("com.sun.crypto.")
            || name.startsWith("sun.security.")
            || name.startsWith("java.security.");

    /** Everything a migration and a jOOQ generation in this JVM use. */
    public static final Predicate<String> ALL = name -> true;

    private ClassPreload() {}

    /**
     * Starts loading the listed classes that {@code which} selects through {@code loader}, on a daemon thread that
     * never delays the JVM's exit; returns at once.
     */
    public static void start(ClassLoader loader, Predicate<String> which) {
        Thread thread = new Thread(() -> load(loader, which), "migrate-class-preload");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * Loads the selected classes on this thread; returns how many of them the class path has. After a class the class
     * path does not have, of a package none of whose classes the loader has, the rest of the package is passed over:
     * a library that is not there (Jackson, which the plugin loads only when needed) costs one failed lookup per
     * package, not one per class, while another version of a library that is there is still loaded ahead.
     */
    static int load(ClassLoader loader, Predicate<String> which) {
        int loaded = 0;
        Set<String> missingPackages = new HashSet<>();
        for (String name : names(loader)) {
            String packageName = name.substring(0, Math.max(0, name.lastIndexOf('.')));
            if (!which.test(name) || missingPackages.contains(packageName)) {
                continue;
            }
            if (loadable(name, loader)) {
                loaded++;
            } else if (loader.getDefinedPackage(packageName) == null) {
                missingPackages.add(packageName);
            }
        }
        return loaded;
    }

    /** The names in {@value #LIST}, in their order; none when the plugin's jar has no such list. */
    static List<String> names(ClassLoader loader) {
        try (InputStream list = loader.getResourceAsStream(LIST)) {
            if (list == null) {
                return List.of();
            }
            return new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // an unreadable jar: the work loads what it needs itself, as without a list
        }
    }

    private static boolean loadable(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // another version of the library: the work loads what it needs itself
        }
    }
}
