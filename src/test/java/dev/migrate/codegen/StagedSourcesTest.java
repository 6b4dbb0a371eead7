package dev.migrate.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.error.EnvironmentFailureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check that a staged Java file is complete: braces in literals and comments do not count, every cut does. */
class StagedSourcesTest {

    /** A generated file with every kind of brace that must not count: in comments, strings, characters, text. */
    private static final String SOURCE = String.join(
            "\n",
            "package com.example.db.tables;",
            "",
            "/* a comment with a brace { that does not open anything */",
            "public class Users extends TableImpl<UsersRecord> { // and another {",
            "    private static final String NAME = \"users {\\\"quoted\\\"}\";",
            "    private static final char OPEN = '{';",
            "    private static final char QUOTE = '\\'';",
            "    private static final String SQL = \"\"\"",
            "            SELECT \"{\" FROM users \\\"\"\" }",
            "            \"\"\";",
            "",
            "    public Users() {",
            "        super(DSL.name(NAME));",
            "    }",
            "}",
            "");

    @TempDir
    Path staging;

    @Test
    void aCompleteFileHasNothingOpenAndEveryCutBeforeItsLastBraceHas() {
        assertNull(StagedSources.unclosed(SOURCE, '}'));
        assertNull(StagedSources.unclosed("/** The tables. */\npackage com.example.db;\n", ';'), "a package-info");
        assertNotNull(StagedSources.unclosed("/** The tables. */\npackage com.exa", ';'));
        int lastBrace = SOURCE.lastIndexOf('}');
        for (int cut = 0; cut <= lastBrace; cut++) {
            if (!SOURCE.substring(0, cut).isBlank()) {
                assertNotNull(
                        StagedSources.unclosed(SOURCE.substring(0, cut), '}'),
                        "cut at " + cut + ": " + SOURCE.substring(0, cut));
            }
        }
    }

    @Test
    void anEmptyOrCutFileFailsNamingItAndOtherFilesNeedOnlyContent() throws IOException {
        Files.writeString(staging.resolve("Users.java"), SOURCE.substring(0, SOURCE.length() / 2));
        Files.writeString(staging.resolve("Empty.java"), "");
        Files.writeString(staging.resolve("Whole.java"), SOURCE);
        Files.writeString(staging.resolve("Users.kt"), "class Users {");

        EnvironmentFailureException cut = assertThrows(
                EnvironmentFailureException.class,
                () -> StagedSources.verify(
                        staging, List.of(Path.of("Whole.java"), Path.of("Users.java")), StandardCharsets.UTF_8));
        EnvironmentFailureException empty = assertThrows(
                EnvironmentFailureException.class,
                () -> StagedSources.verify(staging, List.of(Path.of("Empty.java")), StandardCharsets.UTF_8));
        StagedSources.verify(staging, List.of(Path.of("Whole.java"), Path.of("Users.kt")), StandardCharsets.UTF_8);

        assertTrue(
                cut.getMessage().startsWith("jOOQ did not write Users.java completely (it ends inside a"),
                cut.getMessage());
        assertTrue(
                cut.getMessage()
                        .endsWith("is the disk full? The previous classes are kept, and the next build"
                                + " generates again."),
                cut.getMessage());
        assertEquals(
                "jOOQ did not write Empty.java completely (it is empty): is the disk full? The previous classes"
                        + " are kept, and the next build generates again.",
                empty.getMessage());
    }
}
