package dev.migrate.check;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Suggestion;
import dev.migrate.files.AtomicFile;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes findings for machines: JSON of the plugin's own shape, and SARIF 2.1.0, the OASIS format that GitHub code
 * scanning, GitLab and Azure DevOps show as annotations on the lines of a pull request. File locations are relative to
 * the project directory (forward slashes), so that the same findings give the same bytes on every machine. A
 * finding's suggestion is written as the caller's {@code renderer} names it, in the caller's commands and parameters.
 */
public final class FindingsReport {

    static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private FindingsReport() {}

    /** Writes {@code findings} as JSON to {@code file}, in one step. */
    public static void writeJson(
            List<Finding> findings, Function<Suggestion, String> renderer, Path projectDirectory, Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("errors", count(findings, Finding.Level.ERROR));
        root.put("warnings", count(findings, Finding.Level.WARNING));
        ArrayNode list = root.putArray("findings");
        for (Finding finding : findings) {
            ObjectNode node = list.addObject();
            node.put("code", finding.code().id());
            node.put("level", finding.level().name().toLowerCase(Locale.ROOT));
            node.put("file", finding.file() == null ? null : relative(projectDirectory, finding.file()));
            node.put("line", finding.line() > 0 ? finding.line() : null);
            node.put("message", finding.message());
            node.put("nextStep", finding.nextStep(renderer));
        }
        write(root, file);
    }

    /**
     * Writes {@code findings} as a SARIF 2.1.0 log to {@code file}, in one step.
     *
     * @param rules every rule the run applied, in the order the log lists them; each finding's rule is one of them
     */
    public static void writeSarif(
            List<? extends FindingRule> rules,
            List<Finding> findings,
            Function<Suggestion, String> renderer,
            Path projectDirectory,
            Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SARIF_SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "migrate-maven-plugin");
        ArrayNode ruleNodes = driver.putArray("rules");
        for (FindingRule rule : rules) {
            ObjectNode node = ruleNodes.addObject();
            node.put("id", rule.id());
            node.putObject("shortDescription").put("text", rule.title());
            node.putObject("help").put("text", rule.help());
            node.putObject("defaultConfiguration").put("level", sarifLevel(rule.level()));
        }
        ArrayNode results = run.putArray("results");
        for (Finding finding : findings) {
            ObjectNode result = results.addObject();
            result.put("ruleId", finding.code().id());
            result.put("ruleIndex", ruleIndex(rules, finding.code()));
            result.put("level", sarifLevel(finding.level()));
            result.putObject("message").put("text", finding.message() + " " + finding.nextStep(renderer));
            if (finding.file() != null) {
                ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
                location.putObject("artifactLocation").put("uri", uri(relative(projectDirectory, finding.file())));
                if (finding.line() > 0) {
                    location.putObject("region").put("startLine", finding.line());
                }
            }
        }
        write(root, file);
    }

    /** {@code file} relative to the project directory with forward slashes, or as it is when outside of it. */
    public static String relative(Path projectDirectory, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path project = projectDirectory.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(project) ? project.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }

    private static int ruleIndex(List<? extends FindingRule> rules, FindingRule rule) {
        int index = rules.indexOf(rule);
        if (index < 0) {
            throw new IllegalArgumentException("A finding of " + rule.id() + ", a rule the run does not list");
        }
        return index;
    }

    private static String uri(String relativePath) {
        try {
            return new URI(null, null, relativePath, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(relativePath, e);
        }
    }

    private static String sarifLevel(Finding.Level level) {
        return level == Finding.Level.ERROR ? "error" : "warning";
    }

    private static long count(List<Finding> findings, Finding.Level level) {
        return findings.stream().filter(finding -> finding.level() == level).count();
    }

    private static void write(ObjectNode root, Path file) {
        try {
            AtomicFile.writeString(file, JSON.writeValueAsString(root) + "\n");
        } catch (JacksonException e) {
            throw new EnvironmentFailureException("Cannot write the findings as JSON", e);
        } catch (IOException e) {
            throw new EnvironmentFailureException("Cannot write " + file + ": " + e, e);
        }
    }
}
