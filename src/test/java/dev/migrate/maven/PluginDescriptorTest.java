package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the plugin descriptor that Maven uses, to hold every goal's parameters to the documentation rules: a
 * description, an {@code @since}, and a {@code migrate.*} property.
 */
class PluginDescriptorTest {

    /** Parameters whose command-line form the plugin reads itself, as documented in their javadoc. */
    private static final Set<String> READ_BY_THE_PLUGIN = Set.of(
            "url",
            "password",
            "codegenUrl",
            "codegenPassword",
            "placeholders",
            "flyway",
            "postgres",
            "generator",
            "lint");

    @Test
    void everyUserParameterHasDescriptionSinceAndMigrateProperty() throws Exception {
        Document descriptor = descriptor();
        List<String> problems = new ArrayList<>();
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int m = 0; m < mojos.getLength(); m++) {
            Element mojo = (Element) mojos.item(m);
            String goal = text(mojo, "goal");
            if (goal.equals("help")) {
                continue;
            }
            NodeList parameters =
                    ((Element) mojo.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
            for (int p = 0; p < parameters.getLength(); p++) {
                Element parameter = (Element) parameters.item(p);
                String name = text(parameter, "name");
                if (!Boolean.parseBoolean(text(parameter, "editable"))) {
                    continue;
                }
                if (text(parameter, "description").isBlank()) {
                    problems.add(goal + "/" + name + ": no description");
                }
                if (text(parameter, "since").isBlank()) {
                    problems.add(goal + "/" + name + ": no @since");
                }
                String expression = configurationExpression(mojo, name);
                if (!READ_BY_THE_PLUGIN.contains(name) && !expression.startsWith("${migrate.")) {
                    problems.add(goal + "/" + name + ": no migrate.* property (" + expression + ")");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The parameter groups, as the goals' class hierarchy declares them. */
    private static final List<String> MIGRATIONS = List.of("skip", "schemas", "locations", "placeholders", "flyway");

    private static final List<String> EMBEDDED = List.of("postgres", "lockTimeout");
    private static final List<String> TARGET = List.of(
            "url", "user", "password", "serverId", "devDatabase", "migrationLockTimeout", "serverTimeout", "target");
    private static final List<String> GENERATING = List.of(
            "generator",
            "outputDirectory",
            "skipGenerate",
            "worker",
            "workerIdleTimeout",
            "generatedCache",
            "generatedCacheSize",
            "codegenUrl",
            "codegenUser",
            "codegenPassword",
            "codegenServerId",
            "target");

    /** What each goal reads, and so all that {@code help -Ddetail} may list for it. */
    private static final Map<String, Set<String>> READ_BY_GOAL = Map.ofEntries(
            Map.entry("info", union(MIGRATIONS, EMBEDDED, TARGET, List.of("format"))),
            Map.entry("upgrade", union(MIGRATIONS, EMBEDDED, TARGET, GENERATING)),
            Map.entry("generate", union(MIGRATIONS, EMBEDDED, GENERATING, List.of("force"))),
            Map.entry(
                    "offline-sql", union(MIGRATIONS, EMBEDDED, List.of("from", "to", "output", "skipJavaMigrations"))),
            Map.entry("validate", union(MIGRATIONS, EMBEDDED, TARGET)),
            Map.entry("repair", union(MIGRATIONS, EMBEDDED, TARGET)),
            Map.entry("downgrade", union(MIGRATIONS, EMBEDDED, TARGET)),
            Map.entry(
                    "baseline", union(MIGRATIONS, EMBEDDED, TARGET, List.of("baselineVersion", "baselineDescription"))),
            Map.entry("clean", union(MIGRATIONS, EMBEDDED, TARGET, List.of("cleanConfirm"))),
            Map.entry(
                    "check",
                    union(
                            MIGRATIONS,
                            EMBEDDED,
                            TARGET,
                            List.of("update", "database", "drift", "undo", "reports", "checkLint", "lint"))),
            Map.entry("lint", union(MIGRATIONS, EMBEDDED, List.of("lint", "skipLint"))),
            Map.entry("new", union(MIGRATIONS, List.of("name", "repeatable", "undo"))),
            Map.entry("worker-status", Set.of("skip")),
            Map.entry("worker-stop", Set.of("skip")));

    @Test
    void eachGoalDeclaresOnlyTheParametersItReads() throws Exception {
        Map<String, Set<String>> declared = new TreeMap<>();
        NodeList mojos = descriptor().getElementsByTagName("mojo");
        for (int m = 0; m < mojos.getLength(); m++) {
            Element mojo = (Element) mojos.item(m);
            if (text(mojo, "goal").equals("help")) {
                continue;
            }
            Set<String> editable = new TreeSet<>();
            NodeList parameters =
                    ((Element) mojo.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
            for (int p = 0; p < parameters.getLength(); p++) {
                Element parameter = (Element) parameters.item(p);
                if (Boolean.parseBoolean(text(parameter, "editable"))) {
                    editable.add(text(parameter, "name"));
                }
            }
            declared.put(text(mojo, "goal"), editable);
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        READ_BY_GOAL.forEach((goal, names) -> expected.put(goal, new TreeSet<>(names)));

        assertEquals(expected, declared);
    }

    @Test
    void helpListsForOfflineSqlNoParameterOfTheTargetOrOfCodegen() throws Exception {
        String printed = help("offline-sql");

        for (String absent : List.of("target", "url", "serverId", "devDatabase", "codegenUrl", "generator")) {
            assertFalse(listsParameter(printed, absent), absent + " in:\n" + printed);
        }
        assertTrue(listsParameter(printed, "to"), printed);
    }

    @SafeVarargs
    private static Set<String> union(List<String>... groups) {
        Set<String> all = new TreeSet<>();
        for (List<String> group : groups) {
            all.addAll(group);
        }
        return all;
    }

    @Test
    void goalPrefixIsMigrate() throws Exception {
        assertEquals("migrate", text(descriptor().getDocumentElement(), "goalPrefix"));
    }

    @Test
    void everyGoalIsThreadSafeAndHasAHelpGoal() throws Exception {
        NodeList mojos = descriptor().getElementsByTagName("mojo");
        List<String> goals = new ArrayList<>();
        for (int m = 0; m < mojos.getLength(); m++) {
            Element mojo = (Element) mojos.item(m);
            goals.add(text(mojo, "goal"));
            assertTrue(Boolean.parseBoolean(text(mojo, "threadSafe")), text(mojo, "goal"));
        }
        assertTrue(goals.containsAll(List.of("help", "upgrade", "info")), goals.toString());
        assertFalse(goals.contains(""));
    }

    @Test
    void helpShowsTheOfflineScriptsDefaultFileAsWritten() throws Exception {
        String defaultFile = "Default: the file <artifactId>-<version>-upgrade-<from>-<to>.sql (-downgrade- for a"
                + " downgrade) in ${project.build.directory}/migrate.";
        String printed = help("offline-sql");
        assertTrue(printed.contains(defaultFile), printed);
    }

    private static boolean listsParameter(String help, String name) {
        return java.util.regex.Pattern.compile("(?m)^    " + name + "( \\(Default: .*\\))?$")
                .matcher(help)
                .find();
    }

    /** What {@code mvn migrate:help -Ddetail -Dgoal=<goal>} prints. */
    private static String help(String goal) throws Exception {
        HelpMojo help = new HelpMojo();
        setField(help, "detail", true);
        setField(help, "goal", goal);
        setField(help, "lineLength", 200);
        setField(help, "indentSize", 2);
        StringBuilder printed = new StringBuilder();
        help.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                printed.append(content).append("\n");
            }
        });
        help.execute();
        return printed.toString();
    }

    @Test
    void eclipseKnowsWhatToDoWithEveryGoal() throws Exception {
        Document metadata;
        try (InputStream in =
                PluginDescriptorTest.class.getResourceAsStream("/META-INF/m2e/lifecycle-mapping-metadata.xml")) {
            metadata = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        List<String> mapped = new ArrayList<>();
        List<String> executed = new ArrayList<>();
        NodeList executions = metadata.getElementsByTagName("pluginExecution");
        for (int e = 0; e < executions.getLength(); e++) {
            Element execution = (Element) executions.item(e);
            List<String> goals = texts(execution, "goal");
            mapped.addAll(goals);
            if (execution.getElementsByTagName("execute").getLength() > 0) {
                executed.addAll(goals);
            }
        }
        List<String> goals = new ArrayList<>();
        NodeList mojos = descriptor().getElementsByTagName("mojo");
        for (int m = 0; m < mojos.getLength(); m++) {
            goals.add(text((Element) mojos.item(m), "goal"));
        }

        assertEquals(goals.stream().sorted().toList(), mapped.stream().sorted().toList());
        assertEquals(List.of("generate"), executed);
    }

    private static Document descriptor() throws Exception {
        try (InputStream in = PluginDescriptorTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static String configurationExpression(Element mojo, String name) {
        NodeList configuration =
                ((Element) mojo.getElementsByTagName("configuration").item(0)).getChildNodes();
        for (int i = 0; i < configuration.getLength(); i++) {
            if (configuration.item(i) instanceof Element element
                    && element.getTagName().equals(name)) {
                return element.getTextContent();
            }
        }
        return "";
    }

    private static List<String> texts(Element parent, String child) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(child);
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().strip());
        }
        return texts;
    }

    private static void setField(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }
}
