package dev.migrate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrate.codegen.GeneratorXml;
import java.io.File;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

class GeneratorParameterTest {

    /** Evaluates only the expressions it knows, as Maven's evaluator gives null for one it does not. */
    private static final ExpressionEvaluator PROPERTIES = new ExpressionEvaluator() {
        private final Map<String, String> known = Map.of("${tables}", "orders", "${dir}", "/work/gen");

        @Override
        public Object evaluate(String expression) {
            return known.get(expression);
        }

        @Override
        public File alignToBaseDirectory(File file) {
            return file;
        }
    };

    @Test
    void theElementBecomesCanonicalXmlWithValuesEscapedAttributesSortedAndMavensMergeDirectivesLeftOut()
            throws Exception {
        String pom = """
                <generator>
                  <database>
                    <includes>a &amp; b|&lt;c&gt;</includes>
                    <properties combine.children="append">
                      <property z="1" a="&quot;2&quot;"><key>k</key></property>
                    </properties>
                  </database>
                  <target>
                    <directory>${dir}</directory>
                  </target>
                  <name></name>
                </generator>""";

        assertEquals(
                "<generator><database><includes>a &amp; b|&lt;c&gt;</includes><properties>"
                        + "<property a=\"&quot;2&quot;\" z=\"1\"><key>k</key></property></properties></database>"
                        + "<target><directory>/work/gen</directory></target><name></name></generator>",
                GeneratorParameter.xml(configuration(pom), PROPERTIES));
    }

    @Test
    void anExpressionMavenDoesNotKnowIsLeftForJooqWhichReadsSystemProperties() throws Exception {
        assertEquals(
                "<generator><name>${jooq.generator}</name></generator>",
                GeneratorParameter.xml(
                        configuration("<generator><name>${jooq.generator}</name></generator>"), PROPERTIES));
    }

    /** The target the up-to-date check reads from Maven's tree is the one the JDK's parser reads from jOOQ's XML. */
    @Test
    void theTargetReadFromMavensConfigurationIsTheOneTheXmlGives() throws Exception {
        for (String pom : List.of(
                """
                <generator>
                  <target>
                    <packageName> com.example.db </packageName>
                    <directory>${dir}/a &amp; b</directory>
                    <clean></clean>
                    <encoding>${unknown.to.maven}</encoding>
                  </target>
                </generator>""",
                "<generator><target/></generator>",
                "<generator><database><name>org.jooq.meta.postgres.PostgresDatabase</name></database></generator>")) {
            XmlPlexusConfiguration configuration = configuration(pom);

            GeneratorXml fromMaven = GeneratorParameter.generatorXml(configuration, PROPERTIES);

            assertEquals(new GeneratorXml(GeneratorParameter.xml(configuration, PROPERTIES)), fromMaven, pom);
        }
        assertEquals(
                Optional.of(Map.of(
                        "packageName", "com.example.db",
                        "directory", "/work/gen",
                        "locale", "a & b",
                        "clean", "",
                        "encoding", "${unknown.to.maven}")),
                GeneratorParameter.target(
                        configuration("<generator><target><packageName> com.example.db </packageName>"
                                + "<directory>${dir}</directory><locale>a &amp; b</locale><clean></clean>"
                                + "<encoding>${unknown.to.maven}</encoding></target></generator>"),
                        PROPERTIES));
    }

    private static XmlPlexusConfiguration configuration(String xml) throws Exception {
        return new XmlPlexusConfiguration(Xpp3DomBuilder.build(new StringReader(xml)));
    }
}
