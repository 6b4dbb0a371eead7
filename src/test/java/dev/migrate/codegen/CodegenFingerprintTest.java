package dev.migrate.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.codegen.incremental.CodegenFingerprint;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.preload.LibraryLoader;
import dev.migrate.testing.CapturingLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodegenFingerprintTest {

    @TempDir
    Path project;

    private final CapturingLog log = new CapturingLog();

    @BeforeEach
    void migrations() throws IOException {
        Files.createDirectories(project.resolve("db"));
        Files.writeString(project.resolve("db/V1__users.sql"), "CREATE TABLE users (id INT);");
    }

    @Test
    void isStableForTheSameInputs() {
        assertEquals(fingerprint(Map.of(), Map.of(), null, "17.6.0"), fingerprint(Map.of(), Map.of(), null, "17.6.0"));
    }

    @Test
    void changesWithEachKindOfInputAndNamesIt() throws IOException {
        CodegenFingerprint base = fingerprint(Map.of(), Map.of(), null, "17.6.0");

        assertEquals(
                List.of("placeholders"),
                fingerprint(Map.of("tenant", "acme"), Map.of(), null, "17.6.0").differencesFrom(base));
        assertEquals(
                List.of("flyway"),
                fingerprint(Map.of(), Map.of("outOfOrder", "true"), null, "17.6.0")
                        .differencesFrom(base));
        assertEquals(
                List.of("generator"),
                fingerprint(
                                Map.of(),
                                Map.of(),
                                new GeneratorXml(
                                        "<generator><database><includes>users</includes></database></generator>"),
                                "17.6.0")
                        .differencesFrom(base));
        assertEquals(
                List.of("versions"),
                fingerprint(Map.of(), Map.of(), null, "16.10.0").differencesFrom(base));

        Files.writeString(project.resolve("db/V1__users.sql"), "CREATE TABLE users (id BIGINT);");
        assertEquals(
                List.of("migrations"),
                fingerprint(Map.of(), Map.of(), null, "17.6.0").differencesFrom(base));
        CodegenFingerprint edited = fingerprint(Map.of(), Map.of(), null, "17.6.0");
        Files.createDirectories(project.resolve("db/sub"));
        Files.writeString(project.resolve("db/sub/V2__more.sql"), "SELECT 1;");
        CodegenFingerprint added = fingerprint(Map.of(), Map.of(), null, "17.6.0");
        assertEquals(List.of("migrations"), added.differencesFrom(edited));
        Files.move(project.resolve("db/sub/V2__more.sql"), project.resolve("db/V2__more.sql"));
        assertEquals(
                List.of("migrations"),
                fingerprint(Map.of(), Map.of(), null, "17.6.0").differencesFrom(added),
                "the same file in another folder");
    }

    @Test
    void theVersionOfTheJooqThatGeneratesIsPartOfTheVersionsWithoutLoadingJooq() {
        CodegenInputs running =
                inputs(List.of("filesystem:" + project.resolve("db")), Map.of(), Map.of(), null, "17.6.0", null);
        CodegenInputs overridden = generatedBy(running, "3.20.1", running.pluginArtifacts());

        assertEquals(
                List.of("versions"), overridden.inputFingerprint(log).differencesFrom(running.inputFingerprint(log)));
    }

    @Test
    void theLibrariesOfThePluginCountAReleaseByItsCoordinatesAndASnapshotOrFolderByItsFiles() throws IOException {
        CodegenInputs inputs =
                inputs(List.of("filesystem:" + project.resolve("db")), Map.of(), Map.of(), null, "17.6.0", null);
        Path release = Files.writeString(project.resolve("naming-1.0.jar"), "naming 1.0");
        Path snapshot = Files.writeString(project.resolve("rules-2.0-SNAPSHOT.jar"), "rules");
        Path module = Files.createDirectories(project.resolve("strategy/target/classes"));
        Files.writeString(module.resolve("Strategy.class"), "v1");
        PluginArtifact releaseArtifact = new PluginArtifact("com.acme:naming:jar:1.0", false, release);
        List<PluginArtifact> libraries = List.of(
                releaseArtifact,
                new PluginArtifact("com.acme:rules:jar:2.0-SNAPSHOT", true, snapshot),
                new PluginArtifact("com.acme:strategy:jar:1.0-SNAPSHOT", true, module));
        CodegenFingerprint before = libraries(inputs, libraries);

        CodegenFingerprint upgraded = libraries(
                inputs,
                List.of(
                        new PluginArtifact("com.acme:naming:jar:1.1", false, release),
                        libraries.get(1),
                        libraries.get(2)));
        assertEquals(
                List.of("libraries changed (com.acme:naming:jar:1.0 -> com.acme:naming:jar:1.1)"),
                upgraded.describeChangesFrom(before));

        Files.writeString(release, "the same release, downloaded again");
        assertEquals(before, libraries(inputs, libraries), "a release is its coordinates");

        Files.writeString(snapshot, "rules, installed anew");
        CodegenFingerprint snapshotInstalled = libraries(inputs, libraries);
        assertEquals(List.of("libraries"), snapshotInstalled.differencesFrom(before));

        Files.writeString(module.resolve("Strategy.class"), "v2, compiled anew");
        assertEquals(List.of("libraries"), libraries(inputs, libraries).differencesFrom(snapshotInstalled));
    }

    private CodegenFingerprint libraries(CodegenInputs inputs, List<PluginArtifact> libraries) {
        return generatedBy(inputs, inputs.jooqVersion(), libraries).inputFingerprint(log);
    }

    /** {@code inputs} generated by jOOQ {@code jooqVersion} with the plugin's {@code libraries}. */
    private static CodegenInputs generatedBy(CodegenInputs inputs, String jooqVersion, List<PluginArtifact> libraries) {
        return new CodegenInputs(
                inputs.migrations(),
                inputs.codegen(),
                inputs.pluginVersion(),
                jooqVersion,
                libraries,
                inputs.postgresVersion(),
                inputs.fingerprintFile(),
                CodegenJvm.IN_PROCESS,
                Optional.empty(),
                LibraryLoader.ON_CLASS_PATH);
    }

    @Test
    void theOrderOfMapEntriesDoesNotMatter() {
        Map<String, String> one = new java.util.LinkedHashMap<>();
        one.put("a", "1");
        one.put("b", "2");
        Map<String, String> other = new java.util.LinkedHashMap<>();
        other.put("b", "2");
        other.put("a", "1");

        assertEquals(fingerprint(one, Map.of(), null, "17"), fingerprint(other, Map.of(), null, "17"));
    }

    @Test
    void generatedFilesCount() throws IOException {
        Path generated = Files.createDirectories(project.resolve("generated"));
        CodegenFingerprint inputs = fingerprint(Map.of(), Map.of(), null, "17.6.0");
        CodegenFingerprint before = inputs.withFiles("generated", generated);
        Files.writeString(generated.resolve("Users.java"), "class Users {}");

        assertEquals(
                List.of("generated"), inputs.withFiles("generated", generated).differencesFrom(before));
    }

    @Test
    void migrationsReachedThroughLinksCountAsFlywayReadsThem() throws IOException {
        // the location itself a link to a shared folder, which holds a linked file and a link back to itself
        Path shared = Files.createDirectories(project.resolve("shared"));
        Files.move(project.resolve("db/V1__users.sql"), shared.resolve("V1__users.sql"));
        Files.delete(project.resolve("db"));
        Files.createSymbolicLink(project.resolve("db"), shared);
        Path elsewhere = Files.writeString(project.resolve("V2__orders.sql"), "CREATE TABLE orders (id INT);");
        Files.createSymbolicLink(shared.resolve("V2__orders.sql"), elsewhere);
        Files.createSymbolicLink(shared.resolve("loop"), shared);
        CodegenFingerprint before = fingerprint(Map.of(), Map.of(), null, "17.6.0");

        Files.writeString(shared.resolve("V1__users.sql"), "CREATE TABLE users (id BIGINT);");
        CodegenFingerprint sharedEdited = fingerprint(Map.of(), Map.of(), null, "17.6.0");
        assertEquals(List.of("migrations"), sharedEdited.differencesFrom(before));

        Files.writeString(elsewhere, "CREATE TABLE orders (id BIGINT);");
        assertEquals(
                List.of("migrations"),
                fingerprint(Map.of(), Map.of(), null, "17.6.0").differencesFrom(sharedEdited));
    }

    @Test
    void classpathLocationsInDirectoriesAndJarsCount() throws IOException {
        Path jar = project.resolve("migrations.jar");
        writeJar(jar, "SELECT 1;");
        CodegenFingerprint first = classpathFingerprint(jar);
        writeJar(jar, "SELECT 2;");

        assertEquals(List.of("migrations"), classpathFingerprint(jar).differencesFrom(first));
    }

    @Test
    void survivesWritingAndReading() {
        CodegenFingerprint fingerprint = fingerprint(Map.of("tenant", "acme"), Map.of(), null, "17.6.0");
        Path file = project.resolve("target/migrate/codegen.fingerprint");

        fingerprint.write(file);

        assertEquals(Optional.of(fingerprint), CodegenFingerprint.read(file, log));
        assertEquals(List.of(), log.lines());
    }

    @Test
    void aChangedVersionIsNamedWithItsOldAndNewValueAndAPossibleSecretWithout() throws IOException {
        Path file = project.resolve("target/codegen.fingerprint");
        fingerprint(Map.of("token", "s3cret"), Map.of(), null, "17.6.0").write(file);
        CodegenFingerprint stored = CodegenFingerprint.read(file, log).orElseThrow();

        assertEquals(
                List.of("placeholders changed", "versions changed (PostgreSQL 17.6.0 -> PostgreSQL 16.10.0)"),
                fingerprint(Map.of("token", "other"), Map.of(), null, "16.10.0").describeChangesFrom(stored));
        assertTrue(!Files.readString(file).contains("s3cret"), Files.readString(file));

        // a fingerprint written before the values were kept: the part's name alone
        Files.writeString(file, Files.readString(file).replaceAll("# versions: .*\n", ""));
        assertEquals(
                List.of("versions changed"),
                fingerprint(Map.of("token", "s3cret"), Map.of(), null, "16.10.0")
                        .describeChangesFrom(CodegenFingerprint.read(file, log).orElseThrow()));
    }

    @Test
    void aMissingFileIsNoFingerprintWithoutComment() {
        assertEquals(Optional.empty(), CodegenFingerprint.read(project.resolve("none"), log));
        assertEquals(List.of(), log.lines());
    }

    @Test
    void aCorruptFileIsNoFingerprintWithOneLogLine() throws IOException {
        Path file = project.resolve("codegen.fingerprint");
        Files.writeString(file, "migrations=not-a-digest\n");

        assertEquals(Optional.empty(), CodegenFingerprint.read(file, log));
        assertEquals(1, log.lines().size());
        assertTrue(log.text().contains("is corrupt"), log.text());

        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertEquals(Optional.empty(), CodegenFingerprint.read(file, log));
        assertTrue(log.text().contains("cannot be read"), log.text());
    }

    @Test
    void theShortFormIdentifiesTheWholeFingerprint() {
        assertNotEquals(
                fingerprint(Map.of(), Map.of(), null, "17").shortForm(),
                fingerprint(Map.of(), Map.of(), null, "16").shortForm());
        assertTrue(fingerprint(Map.of(), Map.of(), null, "17").shortForm().matches("[0-9a-f]{12}"));
    }

    private CodegenFingerprint fingerprint(
            Map<String, String> placeholders,
            Map<String, String> flyway,
            GeneratorXml generator,
            String postgresVersion) {
        return inputs(
                        List.of("filesystem:" + project.resolve("db")),
                        placeholders,
                        flyway,
                        generator,
                        postgresVersion,
                        getClass().getClassLoader())
                .inputFingerprint(log);
    }

    private CodegenFingerprint classpathFingerprint(Path jar) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            return inputs(List.of("classpath:db/migration"), Map.of(), Map.of(), null, "17", loader)
                    .inputFingerprint(log);
        }
    }

    private CodegenInputs inputs(
            List<String> locations,
            Map<String, String> placeholders,
            Map<String, String> flyway,
            GeneratorXml generator,
            String postgresVersion,
            ClassLoader loader) {
        MigrationSettings migrations = new MigrationSettings(locations, List.of(), placeholders, flyway, null, loader);
        CodegenSettings codegen = new CodegenSettings(
                generator,
                List.of(),
                CodegenSettings.DEFAULT_HISTORY_TABLE,
                project,
                Path.of("target/generated-sources/jooq"),
                "com.example");
        return new CodegenInputs(
                migrations, codegen, "test", postgresVersion, project.resolve("target/migrate/codegen.fingerprint"));
    }

    private static void writeJar(Path jar, String sql) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new ZipEntry("db/migration/"));
            jarOut.putNextEntry(new ZipEntry("db/migration/V1__one.sql"));
            jarOut.write(sql.getBytes());
            jarOut.closeEntry();
        }
    }
}
