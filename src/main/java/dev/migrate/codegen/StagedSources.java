package dev.migrate.codegen;

import dev.migrate.error.EnvironmentFailureException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks that jOOQ wrote the staged files completely before any of them replaces a good one. jOOQ writes through a
 * {@link java.io.PrintWriter}, which swallows write errors: on a full disk (or past a file-size limit) it leaves empty
 * and truncated files and reports success; with 300 kB free, 376 of 409 files were left empty. So every file must be
 * non-empty, and every Java file must end with the brace that closes its type (a {@code package-info.java} with its
 * semicolon), with every brace closed (outside comments, strings and character literals) and no comment or literal
 * left open: a file cut short anywhere before its last closing brace fails that.
 *
 * <p>Why not javac's parser: it is the stronger check, but it parsed 1,001 generated files (9 MB, 13 copies of
 * Marquez's) in 8.3 s in a fresh JVM (2.2 s warm) on the shared 2-core test machine, more than jOOQ's generation
 * itself; this scan read the same files in 0.2–1.0 s there (0.09–0.6 s warm), at load averages of 3 to 9.
 */
final class StagedSources {

    private StagedSources() {}

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
                if (file.toString().endsWith(".java")) {
                    char end = file.getFileName().toString().equals("package-info.java") ? ';' : '}';
                    String unclosed = unclosed(Files.readString(staging.resolve(file), encoding), end);
                    if (unclosed != null) {
                        throw incomplete(file, "it ends inside " + unclosed);
                    }
                }
            }
        } catch (IOException e) {
            throw new EnvironmentFailureException(
                    "Cannot read the generated sources in " + staging + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a Java source leaves open at its end (a brace, a comment, a literal), or null when nothing is and its last
     * character outside comments is {@code end}.
     */
    static String unclosed(String source, char end) {
        int depth = 0;
        char last = 0;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (!Character.isWhitespace(c) && c != '/') {
                last = c;
            }
            char next = i + 1 < source.length() ? source.charAt(i + 1) : 0;
            if (c == '/' && next == '/') {
                i = source.indexOf('\n', i);
                if (i < 0) {
                    break;
                }
            } else if (c == '/' && next == '*') {
                i = source.indexOf("*/", i + 2);
                if (i < 0) {
                    return "a comment";
                }
                i++;
            } else if (c == '"' || c == '\'') {
                String quote = source.startsWith("\"\"\"", i) ? "\"\"\"" : String.valueOf(c);
                i = endOfLiteral(source, i + quote.length(), quote);
                if (i < 0) {
                    return quote.length() == 3 ? "a text block" : "a literal";
                }
                continue;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            i++;
        }
        if (depth != 0) {
            return "a class body";
        }
        return last == end ? null : "its declarations, before the final '" + end + "'";
    }

    /** The index after the {@code end} that closes a literal begun before {@code from}, or -1. */
    private static int endOfLiteral(String source, int from, String end) {
        for (int i = from; i < source.length(); i++) {
            if (source.charAt(i) == '\\') {
                i++; // an escape: the next character is part of the literal
            } else if (source.startsWith(end, i)) {
                return i + end.length();
            } else if (end.length() == 1 && source.charAt(i) == '\n') {
                return -1; // a string or character literal ends on its line
            }
        }
        return -1;
    }

    private static EnvironmentFailureException incomplete(Path file, String why) {
        String message = "jOOQ did not write " + file + " completely (" + why + "): is the disk full? The previous"
                + " classes are kept, and the next build generates again.";
        return new EnvironmentFailureException(message, new IOException(message));
    }
}
