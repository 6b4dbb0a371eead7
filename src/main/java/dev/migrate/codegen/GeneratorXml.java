package dev.migrate.codegen;

import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The user's jOOQ {@code <generator>} element as XML text, the same XML as jOOQ's own configuration file takes, and
 * its {@code <target>}. Kept as text so that checking whether the classes are up to date needs no jOOQ; jOOQ parses
 * the whole only when it generates ({@link JooqConfiguration}).
 *
 * @param xml    the {@code <generator>} element, without namespace
 * @param target the text of each simple element in {@code <target>}, stripped (jOOQ strips them too), or empty when
 *               there is no {@code <target>}
 */
public record GeneratorXml(String xml, Optional<Map<String, String>> target) {

    public GeneratorXml {
        if (xml == null || xml.isBlank()) {
            throw new IllegalArgumentException("no generator XML");
        }
        target = target.map(Map::copyOf);
    }

    /**
     * The element as XML text, its {@code <target>} read with the JDK's XML parser. A caller that holds the element
     * parsed already (Maven's configuration) gives the target itself: the up-to-date check of a build then loads no
     * XML parser, ~20 ms of a fresh JVM.
     */
    public GeneratorXml(String xml) {
        this(xml, parsedTarget(xml));
    }

    private static Optional<Map<String, String>> parsedTarget(String xml) {
        if (xml == null || xml.isBlank()) {
            return Optional.empty(); // the canonical constructor says what is wrong
        }
        try {
            XMLStreamReader reader = newFactory().createXMLStreamReader(new StringReader(xml));
            try {
                return target(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new UserMistakeException(
                    "jOOQ's generator configuration is not well-formed XML: " + e.getMessage(),
                    new Suggestion.Change(Setting.GENERATOR),
                    e);
        }
    }

    /** The children of the root's {@code target} child: depth 1 is the root. */
    private static Optional<Map<String, String>> target(XMLStreamReader reader) throws XMLStreamException {
        Map<String, String> target = null;
        String inTarget = null;
        StringBuilder text = new StringBuilder();
        int depth = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamReader.START_ELEMENT) {
                depth++;
                if (depth == 2 && reader.getLocalName().equals("target")) {
                    target = new HashMap<>();
                } else if (depth == 3 && target != null) {
                    inTarget = reader.getLocalName();
                    text.setLength(0);
                }
            } else if (event == XMLStreamReader.CHARACTERS || event == XMLStreamReader.CDATA) {
                text.append(reader.getText());
            } else if (event == XMLStreamReader.END_ELEMENT) {
                if (depth == 3 && inTarget != null) {
                    target.put(inTarget, text.toString().strip());
                    inTarget = null;
                } else if (depth == 2 && target != null) {
                    return Optional.of(target);
                }
                depth--;
            }
        }
        return Optional.empty();
    }

    /** The JDK's own parser, without external entities or DTDs: the XML is the user's configuration, nothing more. */
    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }
}
