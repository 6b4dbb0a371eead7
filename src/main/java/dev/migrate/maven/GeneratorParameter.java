package dev.migrate.maven;

import dev.migrate.codegen.GeneratorXml;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * The {@code <generator>} parameter as the XML text of jOOQ's configuration: Maven hands the element over as it is,
 * so that configuring the Mojo loads no jOOQ class. The text is canonical (no indentation, attributes sorted), since
 * it is part of the classes' fingerprint: the same configuration always gives the same text.
 */
final class GeneratorParameter {

    private GeneratorParameter() {}

    /**
     * {@code element} as XML, each value with the Maven expressions ({@code ${...}}) the POM's interpolation left
     * evaluated by {@code evaluator}; an expression Maven does not know stays as it is, for jOOQ, which reads system
     * properties in it.
     */
    static String xml(PlexusConfiguration element, ExpressionEvaluator evaluator) {
        StringBuilder xml = new StringBuilder();
        append(element, evaluator, xml);
        return xml.toString();
    }

    /** {@code element} as jOOQ's XML, with its {@code <target>} read from Maven's tree rather than parsed again. */
    static GeneratorXml generatorXml(PlexusConfiguration element, ExpressionEvaluator evaluator) {
        return new GeneratorXml(xml(element, evaluator), target(element, evaluator));
    }

    /** The evaluated, stripped text of each simple element in {@code <target>}, as jOOQ reads them. */
    static Optional<Map<String, String>> target(PlexusConfiguration element, ExpressionEvaluator evaluator) {
        PlexusConfiguration target = element.getChild("target", false);
        if (target == null) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (PlexusConfiguration child : target.getChildren()) {
            String value = child.getChildCount() == 0 ? child.getValue(null) : null;
            values.put(
                    child.getName(),
                    value == null ? "" : evaluated(value, evaluator).strip());
        }
        return Optional.of(values);
    }

    private static void append(PlexusConfiguration element, ExpressionEvaluator evaluator, StringBuilder xml) {
        xml.append('<').append(element.getName());
        // Maven's merge directives (combine.children, combine.self...) are Maven's, not jOOQ's
        String[] attributes = Arrays.stream(element.getAttributeNames())
                .filter(name -> !name.startsWith("combine."))
                .sorted()
                .toArray(String[]::new);
        for (String attribute : attributes) {
            xml.append(' ')
                    .append(attribute)
                    .append("=\"")
                    .append(escaped(evaluated(element.getAttribute(attribute), evaluator)))
                    .append('"');
        }
        xml.append('>');
        if (element.getChildCount() == 0) {
            String value = element.getValue(null);
            xml.append(value == null ? "" : escaped(evaluated(value, evaluator)));
        }
        for (PlexusConfiguration child : element.getChildren()) {
            append(child, evaluator, xml);
        }
        xml.append("</").append(element.getName()).append('>');
    }

    private static String evaluated(String value, ExpressionEvaluator evaluator) {
        if (!value.contains("${")) {
            return value;
        }
        try {
            Object evaluated = evaluator.evaluate(value);
            return evaluated == null ? value : String.valueOf(evaluated);
        } catch (ExpressionEvaluationException e) {
            return value;
        }
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
