package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
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
    private static final Set<String> READ_BY_THE_PLUGIN = Set.of("password", "codegenPassword", "placeholders",
            "flyway", "postgres", "generator");

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
            NodeList parameters = ((Element) mojo.getElementsByTagName("parameters").item(0))
                    .getElementsByTagName("parameter");
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

    private static Document descriptor() throws Exception {
        try (InputStream in = PluginDescriptorTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static String configurationExpression(Element mojo, String name) {
        NodeList configuration = ((Element) mojo.getElementsByTagName("configuration").item(0)).getChildNodes();
        for (int i = 0; i < configuration.getLength(); i++) {
            if (configuration.item(i) instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent();
            }
        }
        return "";
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }
}
