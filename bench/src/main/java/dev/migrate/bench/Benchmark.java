package dev.migrate.bench;

import dev.migrate.bench.ResultRow.Verdict;
import dev.migrate.files.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The benchmark of issue #5: this plugin against flyway-maven-plugin + jooq-codegen-maven on the same migrations, in
 * the same run, as whole Maven invocations. See docs/benchmark.md. Run it through {@code bench/run}.
 */
public final class Benchmark {

    private static final long SEED = 20261121L;
    private static final String PEER_DATABASE = "bench";
    private static final Pattern MAJOR_VERSION = Pattern.compile("V(\\d+)");

    private final Options options;
    private final MavenRunner maven;
    private final Goals goals;
    private final List<ResultRow> rows = new ArrayList<>();

    /** Which goals the installed plugin has: the generate and offline scenarios need goals from other branches. */
    private record Goals(boolean generate, boolean offlineSql, boolean worker) {}

    /** A migration set: generated with these sizes, or copied from a corpus. */
    private record MigrationSet(String name, int migrations, int tables, Path corpus) {

        void writeTo(Path directory) {
            if (corpus == null) {
                MigrationSetGenerator.write(directory, migrations, tables, SEED);
            } else {
                WorkFiles.copyFiles(corpus, directory);
            }
        }

        /** The highest major version of the set, after which appended migrations go. */
        int lastVersion() {
            if (corpus == null) {
                return migrations;
            }
            try (Stream<Path> files = Files.list(corpus)) {
                return files.map(
                                file -> MAJOR_VERSION.matcher(file.getFileName().toString()))
                        .filter(Matcher::lookingAt)
                        .mapToInt(version -> Integer.parseInt(version.group(1)))
                        .max()
                        .orElse(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Benchmark(Options options) {
        this.options = options;
        this.maven = new MavenRunner(
                options.mvn(),
                options.settings(),
                options.repository(),
                options.work().resolve("logs"));
        this.goals = installedGoals();
    }

    public static void main(String[] arguments) throws IOException {
        Options options;
        Benchmark benchmark;
        try {
            options = Options.parse(arguments);
            benchmark = new Benchmark(options);
        } catch (BenchmarkFailure e) {
            System.err.println("Benchmark failed: " + e.getMessage());
            System.exit(2);
            return;
        }
        Instant started = Instant.now();
        String failure = null;
        try {
            benchmark.run();
        } catch (BenchmarkFailure e) {
            failure = e.getMessage();
        }
        String table =
                ResultsTable.markdown(options, benchmark.rows, Duration.between(started, Instant.now()), failure);
        Files.writeString(options.results(), table);
        System.out.println(table);
        boolean missed = benchmark.rows.stream().anyMatch(row -> row.verdict() == Verdict.MISS);
        System.exit(failure != null ? 2 : missed ? 1 : 0);
    }

    private void run() throws IOException {
        Directories.deleteRecursively(options.work());
        Files.createDirectories(options.work());
        try {
            embeddedStart();
            try (PeerServer peer =
                    PeerServer.start(extractedBinaries(), options.work().resolve("peer-postgres"))) {
                List<MigrationSet> sets = options.quick()
                        ? List.of(new MigrationSet("10x50", 10, 50, null))
                        : List.of(
                                new MigrationSet("10x50", 10, 50, null),
                                new MigrationSet("100x500", 100, 500, null),
                                new MigrationSet(
                                        "marquez", 0, 0, options.corpora().resolve("marquez")));
                for (MigrationSet set : sets) {
                    compare(set, peer);
                }
                MigrationSet compileSet = sets.get(Math.min(1, sets.size() - 1));
                compileCold(compileSet, peer);
            }
            thousandMigrations();
        } finally {
            // the benchmark leaves no process behind
            WorkerProcesses.stopAll(options.repository());
        }
    }

    // ---- embedded PostgreSQL start -------------------------------------------------------------------------------

    private void embeddedStart() {
        progress("embedded PostgreSQL start");
        Path coldCache = options.work().resolve("cold-binaries-cache");
        long extraction = probe(coldCache, "template");
        Directories.deleteRecursively(coldCache.resolve("templates"));
        long templateCreation = probe(coldCache, "template");
        Directories.deleteRecursively(coldCache);
        rows.add(new ResultRow(
                "embedded start, binaries not extracted yet", "-", "", extraction + " ms", "", "", Verdict.INFO));
        rows.add(new ResultRow(
                "embedded start, cluster template not made yet",
                "-",
                "",
                templateCreation + " ms",
                "",
                "",
                Verdict.INFO));
        Path cache = options.repository().resolve(".cache/migrate-maven-plugin/postgres");
        // zonky makes its working directory writable by all, which the plugin's owner-only cache refuses: apart
        Path zonkyCache = options.work().resolve("zonky-binaries");
        probe(cache, "template"); // warm-ups: extract the binaries if needed
        probe(zonkyCache, "initdb");
        List<Long> initdb = new ArrayList<>();
        List<Long> template = new ArrayList<>();
        for (int run = 0; run < options.runs() * 2; run++) {
            initdb.add(probe(zonkyCache, "initdb"));
            template.add(probe(cache, "template"));
        }
        Series before = new Series(initdb);
        Series after = new Series(template);
        rows.add(new ResultRow(
                "embedded start, warm (ready for connections): template vs initdb every time",
                "-",
                before.describe("ms"),
                after.describe("ms"),
                String.format("%.2fx", after.pairedRatio(before)),
                "≤ 500 ms",
                ResultRow.check(after.median() <= 500)));
    }

    /**
     * Starts a server in a fresh JVM and returns how long it took to answer a query: the plugin's throwaway server
     * ({@code template}), or zonky running initdb as the plugin did before ({@code initdb}).
     */
    private long probe(Path binariesCache, String mode) {
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedStartProbe.class.getName(),
                options.binariesJar().toString(),
                options.binariesVersion(),
                binariesCache.toString(),
                options.work().resolve("probe").toString(),
                mode);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)
                    || process.exitValue() != 0
                    || !output.contains("ready-millis=")) {
                throw new BenchmarkFailure("The embedded start probe failed:\n" + output);
            }
            return Long.parseLong(
                    output.substring(output.lastIndexOf("ready-millis=") + 13).strip());
        } catch (IOException e) {
            throw new BenchmarkFailure("Cannot run the embedded start probe: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("Interrupted", e);
        }
    }

    private Path extractedBinaries() throws IOException {
        Path cache = options.repository().resolve(".cache/migrate-maven-plugin/postgres");
        try (Stream<Path> children = Files.list(cache)) {
            return children.filter(child -> Files.exists(child.resolve("bin/pg_ctl")))
                    .findFirst()
                    .orElseThrow(() -> new BenchmarkFailure("No extracted PostgreSQL binaries in " + cache));
        }
    }

    // ---- peer against plugin, per migration set ----------------------------------------------------------------

    private void compare(MigrationSet set, PeerServer server) {
        progress("set " + set.name());
        BenchProject peer =
                BenchProject.peer(options.work().resolve(set.name()).resolve("peer"), server.jdbcUrl(PEER_DATABASE));
        BenchProject plugin = BenchProject.plugin(
                options.work().resolve(set.name()).resolve("plugin"), options.pluginVersion(), goals.generate());
        set.writeTo(peer.migrations());
        set.writeTo(plugin.migrations());
        server.recreateDatabase(PEER_DATABASE);
        maven.prepare(peer.directory(), "compile");
        maven.prepare(plugin.directory(), "compile");

        int floorRow = rows.size(); // first among the set's rows, though measured beside (b)

        List<Measurement> peerRuns = new ArrayList<>();
        List<Measurement> pluginRuns = new ArrayList<>();
        Paired cold = pairs(
                "(a) cold: empty database, no target/",
                set,
                "≤ 0.8x peer",
                0.8,
                peerRuns,
                pluginRuns,
                () -> cold(server, peer, "generate-sources"),
                () -> coldPlugin(plugin, "generate-sources"));
        if (goals.worker()) {
            coldWithoutWorker(set, plugin, cold.peer());
        }
        List<Measurement> floorRuns = new ArrayList<>();
        Series noChangePlugin = pairs(
                        "(b) no change",
                        set,
                        "≤ 0.2x peer",
                        0.2,
                        peerRuns,
                        pluginRuns,
                        () -> maven.measure(peer.directory(), "generate-sources"),
                        () -> {
                            // the floor right before each plugin run: the ratio to it is paired in time like the
                            // others, and
                            // does not depend on how the machine's load drifted between the start of the set and (b)
                            floorRuns.add(maven.measure(plugin.directory(), "validate"));
                            return maven.measure(plugin.directory(), "generate-sources");
                        })
                .plugin();
        if (goals.generate()) {
            Series floor = Series.millis(floorRuns);
            rows.add(
                    floorRow,
                    new ResultRow(
                            "`mvn validate` (floor of Maven itself)",
                            set.name(),
                            "",
                            floor.describe("ms"),
                            "",
                            "",
                            Verdict.INFO));
            double toFloor = noChangePlugin.pairedRatio(floor);
            rows.add(new ResultRow(
                    "(b) no change, against `mvn validate`",
                    set.name(),
                    floor.describe("ms"),
                    noChangePlugin.describe("ms"),
                    String.format("%.2fx", toFloor),
                    "≤ 1.1x validate",
                    ResultRow.check(toFloor <= 1.1)));
        }
        int[] appended = {0};
        pairs(
                "(c) one new migration",
                set,
                "≤ 0.6x peer",
                0.6,
                peerRuns,
                pluginRuns,
                () -> {
                    appended[0]++;
                    MigrationSetGenerator.append(peer.migrations(), set.lastVersion(), appended[0]);
                    MigrationSetGenerator.append(plugin.migrations(), set.lastVersion(), appended[0]);
                    return maven.measure(peer.directory(), "generate-sources");
                },
                () -> maven.measure(plugin.directory(), "generate-sources"));
        dataOnly(set, peer, plugin, set.lastVersion() + appended[0]);
        ciBuilds(set, server, peer, plugin);
        migrateOnly(set, server, peer, plugin);
        memory(set, peerRuns, pluginRuns);
    }

    /**
     * (f): a migration that only adds rows (to the table the first migration of (c) made), a new one each run, on
     * the developer's machine: {@code target/} and the cached schema are there.
     */
    private void dataOnly(MigrationSet set, BenchProject peer, BenchProject plugin, int lastVersion) {
        int[] appended = {0};
        pairs(
                "(f) one data-only migration",
                set,
                "≤ 0.4x peer",
                0.4,
                new ArrayList<>(),
                new ArrayList<>(),
                () -> {
                    appended[0]++;
                    MigrationSetGenerator.appendData(peer.migrations(), lastVersion + appended[0], appended[0]);
                    MigrationSetGenerator.appendData(plugin.migrations(), lastVersion + appended[0], appended[0]);
                    return maven.measure(peer.directory(), "generate-sources");
                },
                () -> requireLogLine(
                        maven.measureWithLog(plugin.directory(), "generate-sources"),
                        "the migrations changed nothing jOOQ reads"));
    }

    /**
     * (e) and (e′): the build CI runs, in a fresh copy of the project (no {@code target/}) with {@code CI} set (so
     * no codegen worker) and the local repository warm, against the peer's cold build. In (e) these migrations'
     * classes were generated once on the machine (the warm-up build); in (e′) the generated-sources cache is empty,
     * as for the first build of new migrations.
     */
    private void ciBuilds(MigrationSet set, PeerServer server, BenchProject peer, BenchProject plugin) {
        int[] copies = {0};
        Supplier<Path> freshClone = () -> {
            Path clone = options.work().resolve(set.name()).resolve("ci-clone-" + ++copies[0]);
            WorkFiles.copyProject(plugin.directory(), clone);
            return clone;
        };
        maven.measureOnCi(freshClone.get(), "generate-sources"); // warm-up, and fills the generated-sources cache
        pairs(
                "(e) CI: fresh clone, `CI=true`, classes generated once on this machine",
                set,
                "≤ 0.35x peer",
                0.35,
                new ArrayList<>(),
                new ArrayList<>(),
                () -> cold(server, peer, "generate-sources"),
                () -> requireLogLine(
                        maven.measureOnCi(freshClone.get(), "generate-sources"),
                        "Restored jOOQ classes from the shared cache"));
        pairs(
                "(e′) CI: fresh clone, `CI=true`, empty generated-sources cache",
                set,
                "≤ 0.9x peer",
                0.9,
                new ArrayList<>(),
                new ArrayList<>(),
                () -> cold(server, peer, "generate-sources"),
                () -> {
                    emptyGeneratedSourcesCache();
                    return requireLogLine(
                            maven.measureOnCi(freshClone.get(), "generate-sources"), "Generated jOOQ classes");
                });
    }

    /** The run, after checking that its log shows it took the path the scenario measures. */
    private static Measurement requireLogLine(Measurement run, String expected) {
        try {
            if (!Files.readString(run.log()).contains(expected)) {
                throw new BenchmarkFailure("The build did not log '" + expected + "'; see " + run.log());
            }
            return run;
        } catch (IOException e) {
            throw new BenchmarkFailure("Cannot read " + run.log() + ": " + e.getMessage(), e);
        }
    }

    /** Cold builds generate: the classes another build stored on this machine must not be restored. */
    private void emptyGeneratedSourcesCache() {
        Directories.deleteRecursively(options.repository().resolve(".cache/migrate-maven-plugin/generated"));
    }

    /** Both sides of a scenario. */
    private record Paired(Series peer, Series plugin) {}

    /**
     * (a) again with the codegen worker off, as the first build after the worker left (or on CI) runs: jOOQ in the
     * build's fresh JVM, against the peer runs of (a).
     */
    private void coldWithoutWorker(MigrationSet set, BenchProject plugin, Series peer) {
        List<Measurement> runs = new ArrayList<>();
        for (int run = 0; run < options.runs(); run++) {
            Directories.deleteRecursively(plugin.directory().resolve("target"));
            emptyGeneratedSourcesCache();
            runs.add(maven.measure(plugin.directory(), "generate-sources", "-Dmigrate.worker=false"));
        }
        Series series = Series.millis(runs);
        rows.add(new ResultRow(
                "(a) cold, codegen worker off (`-Dmigrate.worker=false`)",
                set.name(),
                peer.describe("ms"),
                series.describe("ms"),
                String.format("%.2fx", series.pairedRatio(peer)),
                "",
                Verdict.INFO));
    }

    /**
     * Measures both sides run after run, alternating, and adds a row with the ratio computed pair by pair. Without
     * {@code migrate:generate} the plugin's side is not measured and the row says n/a.
     */
    private Paired pairs(
            String what,
            MigrationSet set,
            String target,
            double limit,
            List<Measurement> peerRuns,
            List<Measurement> pluginRuns,
            Supplier<Measurement> peerRun,
            Supplier<Measurement> pluginRun) {
        List<Measurement> peer = new ArrayList<>();
        List<Measurement> plugin = new ArrayList<>();
        for (int run = 0; run < options.runs(); run++) {
            peer.add(peerRun.get());
            if (goals.generate()) {
                plugin.add(pluginRun.get());
            }
        }
        peerRuns.addAll(peer);
        pluginRuns.addAll(plugin);
        Series peerSeries = Series.millis(peer);
        Series pluginSeries = Series.millis(plugin);
        if (plugin.isEmpty()) {
            rows.add(new ResultRow(
                    what,
                    set.name(),
                    peerSeries.describe("ms"),
                    "n/a (no migrate:generate)",
                    "n/a",
                    target,
                    Verdict.NOT_MEASURED));
        } else {
            double ratio = pluginSeries.pairedRatio(peerSeries);
            rows.add(new ResultRow(
                    what,
                    set.name(),
                    peerSeries.describe("ms"),
                    pluginSeries.describe("ms"),
                    String.format("%.2fx", ratio),
                    target,
                    ResultRow.check(ratio <= limit)));
        }
        return new Paired(peerSeries, pluginSeries);
    }

    private Measurement cold(PeerServer server, BenchProject peer, String phase) {
        server.recreateDatabase(PEER_DATABASE);
        Directories.deleteRecursively(peer.directory().resolve("target"));
        return maven.measure(peer.directory(), phase);
    }

    private Measurement coldPlugin(BenchProject plugin, String phase) {
        Directories.deleteRecursively(plugin.directory().resolve("target"));
        emptyGeneratedSourcesCache();
        return maven.measure(plugin.directory(), phase);
    }

    /**
     * Informational, and measurable before {@code migrate:generate} exists: {@code migrate:upgrade} into a new
     * embedded development database against {@code flyway:migrate} into an empty database on the running server.
     */
    private void migrateOnly(MigrationSet set, PeerServer server, BenchProject peer, BenchProject plugin) {
        List<Measurement> peerRuns = new ArrayList<>();
        List<Measurement> pluginRuns = new ArrayList<>();
        for (int run = 0; run < options.runs(); run++) {
            server.recreateDatabase(PEER_DATABASE);
            peerRuns.add(maven.measure(
                    peer.directory(),
                    "org.flywaydb:flyway-maven-plugin:" + BenchProject.FLYWAY_PLUGIN_VERSION + ":migrate"));
            Directories.deleteRecursively(plugin.directory().resolve("target"));
            pluginRuns.add(maven.measure(
                    plugin.directory(),
                    "dev.migrate:migrate-maven-plugin:" + options.pluginVersion() + ":upgrade",
                    "-Dmigrate.generate.skip=true"));
        }
        Series peerSeries = Series.millis(peerRuns);
        Series pluginSeries = Series.millis(pluginRuns);
        rows.add(new ResultRow(
                "migrate only, cold: `migrate:upgrade` (embedded) vs `flyway:migrate`",
                set.name(),
                peerSeries.describe("ms"),
                pluginSeries.describe("ms"),
                String.format("%.2fx", pluginSeries.pairedRatio(peerSeries)),
                "",
                Verdict.INFO));
    }

    private void memory(MigrationSet set, List<Measurement> peerRuns, List<Measurement> pluginRuns) {
        if (peerRuns.stream().allMatch(run -> run.maxRssKib() == 0)) {
            return; // no GNU time on this machine
        }
        Series peer = Series.memory(peerRuns);
        Series plugin = Series.memory(pluginRuns);
        if (plugin.isEmpty()) {
            rows.add(new ResultRow(
                    "peak memory (max RSS of the Maven JVM, (a)–(c))",
                    set.name(),
                    peer.max() / 1024 + " MiB",
                    "n/a",
                    "n/a",
                    "≤ 1.2x peer",
                    Verdict.NOT_MEASURED));
            return;
        }
        double ratio = (double) plugin.max() / peer.max();
        rows.add(new ResultRow(
                "peak memory (max RSS of the Maven JVM, (a)–(c))",
                set.name(),
                peer.max() / 1024 + " MiB",
                plugin.max() / 1024 + " MiB",
                String.format("%.2fx", ratio),
                "≤ 1.2x peer",
                ResultRow.check(ratio <= 1.2)));
        long worker = WorkerProcesses.peakRssKib();
        if (worker > 0) {
            rows.add(new ResultRow(
                    "peak memory of the codegen worker (VmHWM so far), and Maven JVM + worker",
                    set.name(),
                    peer.max() / 1024 + " MiB",
                    worker / 1024 + " MiB",
                    String.format("%.2fx", (double) (plugin.max() + worker) / peer.max()),
                    "",
                    Verdict.INFO));
        }
    }

    private void compileCold(MigrationSet set, PeerServer server) {
        progress("(d) compile cold on " + set.name());
        BenchProject peer = new BenchProject(options.work().resolve(set.name()).resolve("peer"));
        BenchProject plugin =
                new BenchProject(options.work().resolve(set.name()).resolve("plugin"));
        List<Measurement> peerRuns = new ArrayList<>();
        List<Measurement> pluginRuns = new ArrayList<>();
        pairs(
                "(d) `mvn compile`, cold",
                set,
                "≤ 0.8x peer",
                0.8,
                peerRuns,
                pluginRuns,
                () -> cold(server, peer, "compile"),
                () -> coldPlugin(plugin, "compile"));
        Series validate = Series.millis(repeat(() -> maven.measure(plugin.directory(), "validate")));
        rows.add(new ResultRow(
                "`mvn validate` on the (d) project", set.name(), "", validate.describe("ms"), "", "", Verdict.INFO));
    }

    // ---- 1,000 migrations: offline rendering and fingerprinting -------------------------------------------------

    private void thousandMigrations() {
        progress("1,000 migrations");
        MigrationSet set = new MigrationSet("1000-migrations", 1000, options.quick() ? 100 : 250, null);
        BenchProject plugin = BenchProject.plugin(
                options.work().resolve(set.name()).resolve("plugin"), options.pluginVersion(), goals.generate());
        set.writeTo(plugin.migrations());
        maven.prepare(plugin.directory(), "validate");
        Series floor = Series.millis(repeat(() -> maven.measure(plugin.directory(), "validate")));
        if (goals.offlineSql()) {
            String offline = "dev.migrate:migrate-maven-plugin:" + options.pluginVersion() + ":offline-sql";
            maven.prepare(plugin.directory(), offline);
            Series rendering = Series.millis(repeat(() -> maven.measure(plugin.directory(), offline)));
            double net = rendering.median() - floor.median();
            rows.add(new ResultRow(
                    "offline SQL of 1,000 migrations (`migrate:offline-sql` minus `validate`)",
                    set.name(),
                    floor.describe("ms"),
                    rendering.describe("ms"),
                    String.format("%.0f ms", net),
                    "≤ 3000 ms",
                    ResultRow.check(net <= 3000)));
        } else {
            rows.add(new ResultRow(
                    "offline SQL of 1,000 migrations",
                    set.name(),
                    "",
                    "n/a (no migrate:offline-sql)",
                    "n/a",
                    "≤ 3000 ms",
                    Verdict.NOT_MEASURED));
        }
        if (goals.generate()) {
            maven.prepare(plugin.directory(), "generate-sources");
            List<Measurement> upToDate = repeat(() -> maven.measureWithLog(plugin.directory(), "generate-sources"));
            Series checks = new Series(upToDate.stream()
                    .mapToLong(Benchmark::reportedCheckMillis)
                    .boxed()
                    .toList());
            rows.add(new ResultRow(
                    "fingerprint of 1,000 files (the up-to-date check `generate` reports)",
                    set.name(),
                    "",
                    checks.describe("ms"),
                    "",
                    "≤ 100 ms",
                    ResultRow.check(checks.median() <= 100)));
        } else {
            rows.add(new ResultRow(
                    "fingerprint of 1,000 files",
                    set.name(),
                    "",
                    "n/a (no migrate:generate)",
                    "n/a",
                    "≤ 100 ms",
                    Verdict.NOT_MEASURED));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static final java.util.regex.Pattern CHECKED_IN =
            java.util.regex.Pattern.compile("jOOQ classes are up to date \\(fingerprint \\w+, checked in (\\d+) ms\\)");

    /** The time of the up-to-date check as the goal logs it: hashing the inputs, without Maven's own start. */
    private static long reportedCheckMillis(Measurement run) {
        try {
            java.util.regex.Matcher matcher = CHECKED_IN.matcher(Files.readString(run.log()));
            if (!matcher.find()) {
                throw new BenchmarkFailure("The up-to-date build did not report its check; see " + run.log());
            }
            return Long.parseLong(matcher.group(1));
        } catch (java.io.IOException e) {
            throw new BenchmarkFailure("Cannot read " + run.log() + ": " + e.getMessage(), e);
        }
    }

    private List<Measurement> repeat(Supplier<Measurement> run) {
        run.get(); // warm-up, not counted: file system caches
        List<Measurement> runs = new ArrayList<>();
        for (int count = 0; count < options.runs(); count++) {
            runs.add(run.get());
        }
        return runs;
    }

    private Goals installedGoals() {
        Path jar = options.repository()
                .resolve("dev/migrate/migrate-maven-plugin")
                .resolve(options.pluginVersion())
                .resolve("migrate-maven-plugin-" + options.pluginVersion() + ".jar");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry("META-INF/maven/plugin.xml");
            if (entry == null) {
                throw new BenchmarkFailure(jar + " has no plugin descriptor");
            }
            String descriptor = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
            return new Goals(
                    descriptor.contains("<goal>generate</goal>"),
                    descriptor.contains("<goal>offline-sql</goal>"),
                    descriptor.contains("<name>worker</name>"));
        } catch (IOException e) {
            throw new BenchmarkFailure("Cannot read the plugin descriptor of " + jar + ": " + e.getMessage(), e);
        }
    }

    private static void progress(String step) {
        System.out.println("[bench] " + step);
    }
}
