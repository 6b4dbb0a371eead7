package dev.migrate.codegen;

import dev.migrate.error.EnvironmentFailureException;
import dev.migrate.error.Setting;
import dev.migrate.error.Suggestion;
import dev.migrate.error.UserMistakeException;
import dev.migrate.log.BuildLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.jooq.Log;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Strategy;
import org.jooq.meta.jaxb.Target;
import org.jooq.tools.JooqLogger;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The user's {@code <generator>} XML made jOOQ's {@link Generator}, checked against jOOQ's XML schema and completed
 * with the plugin's defaults. Only the generation loads this class, and jOOQ with it: the up-to-date check reads
 * {@link CodegenSettings} alone.
 */
public final class JooqConfiguration {

    /**
     * jOOQ's Java generator under its two names: {@code <name>}'s default, and the class that one extends. Strings, so
     * that jOOQ's generator is not loaded to compare names.
     */
    private static final Set<String> JOOQ_JAVA_GENERATORS =
            Set.of("org.jooq.codegen.DefaultGenerator", "org.jooq.codegen.JavaGenerator");

    private static final String JOOQ_STRATEGY = "org.jooq.codegen.DefaultGeneratorStrategy";
    static final String POSTGRES_DATABASE = "org.jooq.meta.postgres.PostgresDatabase";
    static final String DEFAULT_SCHEMA = "public";

    private JooqConfiguration() {}

    /**
     * The user's generator with the defaults filled in: PostgreSQL, the configured schemas, the history table
     * excluded, the output directory, and the package {@code <groupId>.db} when no {@code <target>} is given.
     * Whatever the user configured stays as it is. Each call parses the XML anew: the result is the caller's to change.
     */
    public static Generator effectiveGenerator(CodegenSettings settings) {
        return effectiveGenerator(
                JooqRun.of(settings, settings.outputDirectory().toString()), JooqGenerator.jooqVersion());
    }

    /** {@link #effectiveGenerator(CodegenSettings)} when jOOQ {@code runningJooq} runs. */
    static Generator effectiveGenerator(CodegenSettings settings, String runningJooq) {
        return effectiveGenerator(
                JooqRun.of(settings, settings.outputDirectory().toString()), runningJooq);
    }

    /** The generator of {@code run}, writing into its directory, when jOOQ {@code runningJooq} runs. */
    static Generator effectiveGenerator(JooqRun run, String runningJooq) {
        return completed(parse(run.generatorXml()), run, runningJooq);
    }

    /** {@code effective}, the user's generator as jOOQ parsed it, completed with the plugin's defaults for {@code run}. */
    private static Generator completed(Generator effective, JooqRun run, String runningJooq) {
        if (effective.getDatabase() == null) {
            effective.setDatabase(new Database());
        }
        completeDatabase(effective.getDatabase(), run);
        if (usesJooqsGeneratorAndNaming(effective) && IndexedJavaGenerator.WRITTEN_FOR_JOOQ.equals(runningJooq)) {
            effective.setName(IndexedJavaGenerator.class.getName());
        }
        if (effective.getTarget() == null) {
            effective.setTarget(new Target().withPackageName(CodegenSettings.defaultPackage(run.groupId())));
        }
        effective.getTarget().setDirectory(run.directory());
        return effective;
    }

    /**
     * jOOQ's configuration of a run in this JVM, saying in {@code log} when jOOQ's own generator runs in place of
     * {@link IndexedJavaGenerator}.
     */
    static Configuration configuration(Parsing parsing, BuildLog log) {
        String runningJooq = JooqGenerator.jooqVersion();
        // parsed and checked against jOOQ's schema once: what the user replaced is read before it is completed
        Generator user = parsing.generator();
        whyNotIndexed(user, runningJooq).ifPresent(log::info);
        return new Configuration()
                .withGenerator(completed(user, parsing.run(), runningJooq))
                .withBasedir(parsing.run().basedir())
                .withLogging(quietUnlessDebug(log));
    }

    /**
     * The user's generator of a run, parsed and checked against jOOQ's schema when first asked for, or ahead: in a
     * fresh JVM that takes ~0.5 s (compiling jOOQ's XML schema, jOOQ's reflective loader), which a background thread
     * spends while the database the run needs starts and migrates, instead of after it.
     */
    static final class Parsing {

        private final JooqRun run;
        private final FutureTask<Generator> generator;

        private Parsing(JooqRun run) {
            this.run = run;
            this.generator = new FutureTask<>(() -> parse(run.generatorXml()));
        }

        /** Parses when {@link #generator()} is first called, on that thread. */
        static Parsing onDemand(JooqRun run) {
            return new Parsing(run);
        }

        /** Starts parsing now, on a daemon thread; a run without {@code <generator>} has nothing to parse. */
        static Parsing ahead(JooqRun run) {
            Parsing parsing = new Parsing(run);
            if (run.generatorXml() != null) {
                Thread thread = new Thread(parsing.generator, "migrate-jooq-configuration");
                thread.setDaemon(true);
                thread.start();
            }
            return parsing;
        }

        JooqRun run() {
            return run;
        }

        /**
         * The user's generator as jOOQ parsed it, for this caller to complete: a new one per run. A parse that failed
         * on the background thread throws its failure here, as it would have in place.
         */
        Generator generator() {
            generator.run(); // unless it started on the background thread, or has finished
            try {
                return generator.get();
            } catch (ExecutionException e) {
                // parse() throws no checked exception: its failure is a RuntimeException or an Error
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentFailureException("Interrupted while reading jOOQ's generator configuration", e);
            }
        }
    }

    /**
     * jOOQ logs every table it generates and a banner at INFO; at Maven's INFO level only its warnings show, and the
     * plugin's summary line. The threshold is set before jOOQ prints its banner, which comes before it reads
     * {@code <logging>}.
     */
    private static Logging quietUnlessDebug(BuildLog log) {
        boolean debug = log.isDebugEnabled();
        JooqLogger.globalThreshold(debug ? Log.Level.DEBUG : Log.Level.WARN);
        return debug ? Logging.DEBUG : Logging.WARN;
    }

    /**
     * Why jOOQ's own Java generator runs where {@link IndexedJavaGenerator} would: it relies on internals of the jOOQ
     * it was written for, and the user's build overrides the plugin's jOOQ with another one. Empty when nothing is
     * replaced.
     */
    static Optional<String> whyNotIndexed(CodegenSettings settings, String runningJooq) {
        return whyNotIndexed(
                parse(settings.generator() == null ? null : settings.generator().xml()), runningJooq);
    }

    private static Optional<String> whyNotIndexed(Generator user, String runningJooq) {
        boolean replaced =
                usesJooqsGeneratorAndNaming(user) && !IndexedJavaGenerator.WRITTEN_FOR_JOOQ.equals(runningJooq);
        return replaced
                ? Optional.of(
                        "jOOQ " + runningJooq + " runs, not " + IndexedJavaGenerator.WRITTEN_FOR_JOOQ
                                + " that the plugin's faster generator was written for: generating with jOOQ's own JavaGenerator")
                : Optional.empty();
    }

    /**
     * jOOQ's {@link Generator} of {@code xml}, an empty one for none. jOOQ's own loader only logs an element it does
     * not know and drops it; the XML is checked against jOOQ's schema first so that a misspelled element fails the
     * build instead of being silently ignored.
     *
     * @throws UserMistakeException when the XML does not follow jOOQ's schema
     */
    static Generator parse(String xml) {
        if (xml == null) {
            return new Generator();
        }
        XmlSchema.validate(xml);
        try {
            return GenerationTool.load(new ByteArrayInputStream(
                            ("<configuration>" + xml + "</configuration>").getBytes(StandardCharsets.UTF_8)))
                    .getGenerator();
        } catch (IOException e) {
            throw new EnvironmentFailureException("jOOQ cannot read its generator configuration: " + e, e);
        }
    }

    /**
     * Whether jOOQ's Java generator runs with names that depend only on the definition (jOOQ's strategy or matchers):
     * then {@link IndexedJavaGenerator} gives the same classes faster. A generator or strategy class of the user's is
     * left alone.
     */
    private static boolean usesJooqsGeneratorAndNaming(Generator generator) {
        boolean jooqsGenerator = isBlank(generator.getJava())
                && (isBlank(generator.getName())
                        || JOOQ_JAVA_GENERATORS.contains(generator.getName().strip()));
        Strategy strategy = generator.getStrategy();
        boolean jooqsNaming = strategy == null
                || isBlank(strategy.getJava())
                        && (strategy.getMatchers() != null
                                || isBlank(strategy.getName())
                                || strategy.getName().strip().equals(JOOQ_STRATEGY));
        return jooqsGenerator && jooqsNaming;
    }

    private static void completeDatabase(Database database, JooqRun settings) {
        if (isBlank(database.getName())) {
            database.setName(POSTGRES_DATABASE);
        }
        if (isBlank(database.getInputSchema()) && database.getSchemata().isEmpty()) {
            List<String> inputSchemas = settings.schemas().isEmpty() ? List.of(DEFAULT_SCHEMA) : settings.schemas();
            if (inputSchemas.size() == 1) {
                database.setInputSchema(inputSchemas.get(0));
            } else {
                inputSchemas.forEach(
                        schema -> database.getSchemata().add(new SchemaMappingType().withInputSchema(schema)));
            }
        }
        if (isBlank(database.getExcludes()) && isBlank(database.getExcludeSql())) {
            database.setExcludes(settings.historyTable());
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** jOOQ's XML schema of its code generator configuration, from the jOOQ that runs; compiled once per class loader. */
    private static final class XmlSchema {

        private static final String NAMESPACE = JooqGenerator.jooqConstant("NS_CODEGEN");
        private static final String RESOURCE = JooqGenerator.jooqConstant("CP_CODEGEN");
        private static final Schema SCHEMA = compile();

        private static Schema compile() {
            URL xsd = GenerationTool.class.getResource(RESOURCE);
            if (xsd == null) {
                throw new EnvironmentFailureException(
                        "jOOQ's XML schema " + RESOURCE + " is not on the class path", (Throwable) null);
            }
            try {
                return SchemaFactory.newDefaultInstance().newSchema(xsd);
            } catch (SAXException e) {
                throw new EnvironmentFailureException("Cannot read jOOQ's XML schema " + xsd + ": " + e, e);
            }
        }

        /** Checks {@code generatorXml} as the {@code <generator>} of a configuration in jOOQ's namespace. */
        static void validate(String generatorXml) {
            ValidatorHandler validator = SCHEMA.newValidatorHandler();
            Deque<String> path = new ArrayDeque<>();
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException exception) {}

                @Override
                public void error(SAXParseException exception) {
                    throw invalid(path, exception);
                }

                @Override
                public void fatalError(SAXParseException exception) {
                    throw invalid(path, exception);
                }
            });
            try {
                SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                XMLFilterImpl elements = new ElementPath(factory.newSAXParser().getXMLReader(), path);
                elements.setContentHandler(validator);
                elements.setErrorHandler(validator.getErrorHandler());
                elements.parse(new InputSource(new StringReader(
                        "<configuration xmlns=\"" + NAMESPACE + "\">" + generatorXml + "</configuration>")));
            } catch (SAXParseException e) {
                throw invalid(path, e);
            } catch (SAXException | IOException | ParserConfigurationException e) {
                throw new EnvironmentFailureException("Cannot check the generator configuration: " + e, e);
            }
        }

        /**
         * The violation at {@code path} (configuration, generator, ...) as the user's mistake, naming the element
         * below the generator and what jOOQ's schema says, without the namespace and the list of every element the
         * schema allows there.
         */
        private static UserMistakeException invalid(Deque<String> path, SAXParseException violation) {
            List<String> elements = new ArrayList<>();
            path.descendingIterator().forEachRemaining(elements::add);
            String where = String.join("/", elements.subList(Math.min(2, elements.size()), elements.size()));
            String reason = String.valueOf(violation.getMessage())
                    .replaceAll("\\{\"[^\"]*\":([^}]*)}", "$1")
                    .replaceAll(" One of '.*' is expected\\.", "")
                    .replaceFirst("^cvc-[\\w.-]+: ", "");
            return new UserMistakeException(
                    "jOOQ's generator configuration does not follow jOOQ's XML schema "
                            + RESOURCE.substring(RESOURCE.lastIndexOf('/') + 1)
                            + (where.isEmpty() ? "" : " at " + where) + ": " + reason
                            + " jOOQ would ignore what it does not know: correct the element or remove it.",
                    // not the parser's exception as cause: its message is the one above, with the list left out
                    new Suggestion.Change(Setting.GENERATOR, where.isEmpty() ? null : where));
        }
    }

    /** Passes the XML on, keeping the path of the elements open at each point: the innermost first. */
    private static final class ElementPath extends XMLFilterImpl {

        private final Deque<String> path;

        ElementPath(XMLReader parent, Deque<String> path) {
            super(parent);
            this.path = path;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            path.push(localName);
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            super.endElement(uri, localName, qName);
            path.pop();
        }
    }
}
