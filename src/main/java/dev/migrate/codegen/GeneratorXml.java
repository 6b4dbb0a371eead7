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
 * The user's jOOQ {@code <generator>} element as XML text, the same XML as jOOQ's own configuration file takes. Kept
 * as text so that checking whether the classes are up to date needs no jOOQ: the target directory and package are
 * read with the JDK's XML parser; jOOQ parses the whole only when it generates ({@link JooqConfiguration}).
 *
 * @param xml the {@code <generator>} element, without namespace
 */
public record GeneratorXml(String xml) {

    public GeneratorXml {
        if (xml == null || xml.isBlank()) {
            throw new IllegalArgumentException("no generator XML");
        }
    }

    /**
     * The text of each simple element in {@code <target>}, stripped (jOOQ strips them too), or empty when there is
     * no {@code <target>}.
     */
    Optional<Map<String, String>> target() {
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
