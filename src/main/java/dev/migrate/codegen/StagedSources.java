package dev.migrate.codegen;

import dev.migrate.error.EnvironmentFailureException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Checks that jOOQ wrote the staged files completely before any of them replaces a good one. jOOQ writes through a
 * {@link java.io.PrintWriter}, which swallows write errors: on a full disk (or past a file-size limit) it leaves empty
 * and truncated files and reports success; with 300 kB free, 376 of 409 files were left empty. So every file must be
 * non-empty, and every Java file must parse (javac's parser only: no class is resolved, nothing compiled); a
 * truncated Java file does not. Where the Java runtime has no compiler, a Java file must at least end as one does
 * (with a closing brace, or the semicolon of a {@code package-info.java}).
 */
final class StagedSources {

    private StagedSources() {
    }

    /**
     * @param staging  the directory jOOQ wrote
     * @param files    the files to check, relative to {@code staging}
     * @param encoding the encoding jOOQ wrote them in ({@code <target><encoding>})
     * @throws EnvironmentFailureException naming the first incomplete file
     */
    static void verify(Path staging, List<Path> files, Charset encoding) {
        try {
            for (Path file : files) {
                if (Files.size(staging.resolve(file)) == 0) {
                    throw incomplete(file, "it is empty");
                }
            }
            List<Path> javaFiles = files.stream().filter(file -> file.toString().endsWith(".java"))
                    .map(staging::resolve).toList();
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) {
                checkClosingBraces(staging, javaFiles, encoding);
            } else if (!javaFiles.isEmpty()) {
                parse(compiler, staging, javaFiles, encoding);
            }
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot read the generated sources in " + staging + ": "
                    + e.getMessage(), e);
        }
    }

    private static void parse(JavaCompiler compiler, Path staging, List<Path> javaFiles, Charset encoding)
            throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, encoding)) {
            Object task = compiler.getTask(null, files, diagnostics, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(javaFiles));
            // JavacTask.parse(), called by reflection: jdk.compiler's classes are not visible from a Maven plugin
            Class.forName("com.sun.source.util.JavacTask", false, task.getClass().getClassLoader())
                    .getMethod("parse").invoke(task);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
            throw new EnvironmentFailureException("Cannot parse the generated sources in " + staging + ": " + cause,
                    cause);
        }
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                Path file = staging.relativize(Path.of(diagnostic.getSource().toUri()));
                throw incomplete(file, "line " + diagnostic.getLineNumber() + ": "
                        + diagnostic.getMessage(Locale.ROOT));
            }
        }
    }

    private static void checkClosingBraces(Path staging, List<Path> javaFiles, Charset encoding) throws IOException {
        for (Path file : javaFiles) {
            String text = Files.readString(file, encoding).strip();
            if (!text.endsWith("}") && !text.endsWith(";")) {
                throw incomplete(staging.relativize(file), "it ends in the middle");
            }
        }
    }

    private static EnvironmentFailureException incomplete(Path file, String why) {
        String message = "jOOQ did not write " + file + " completely (" + why + "): is the disk full? The previous"
                + " classes are kept, and the next build generates again.";
        return new EnvironmentFailureException(message, new IOException(message));
    }
}
