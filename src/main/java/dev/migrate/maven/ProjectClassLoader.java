package dev.migrate.maven;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The project's resources and classes, and its compile dependencies added on the first lookup the plugin's realm
 * cannot answer: {@code classpath:} locations, Java migrations, Flyway's and jOOQ's extensions and the classes a
 * {@code <generator>} names. A goal that never looks (generate with its classes up to date and {@code filesystem:}
 * locations) never has the dependencies resolved.
 */
final class ProjectClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Object dependenciesLock = new Object();
    private Supplier<List<URL>> dependencies;

    ProjectClassLoader(List<URL> projectFolders, Supplier<List<URL>> dependencies, ClassLoader parent) {
        super("migrate-project", projectFolders.toArray(URL[]::new), parent);
        this.dependencies = dependencies;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        addDependencies();
        return super.findClass(name);
    }

    @Override
    public URL findResource(String name) {
        addDependencies();
        return super.findResource(name);
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
        addDependencies();
        return super.findResources(name);
    }

    /** Every URL, the dependencies' included: the codegen worker builds its own class loader from them. */
    @Override
    public URL[] getURLs() {
        addDependencies();
        return super.getURLs();
    }

    /** Adds the dependencies now, if no lookup did: before work whose lookups should not be the first to fail. */
    void addDependencies() {
        synchronized (dependenciesLock) {
            if (dependencies != null) {
                dependencies.get().forEach(this::addURL);
                dependencies = null;
            }
        }
    }
}
