// Writes one module per <plugin>/<project> snippet of README.md and docs/*.md: the snippet pasted into a project with
// two migrations and, where the jOOQ classes are generated, a class that uses them. A snippet that names another
// version of the plugin than the one built fails here. A snippet right after a line '<!-- not built: why -->' is
// left out (one that needs a server of its own).
def docs = [new File(projectDirectory, 'README.md')] +
        new File(projectDirectory, 'docs').listFiles().findAll { it.name.endsWith('.md') }.sort { it.name }
def snippets = []
docs.each { doc ->
    def lines = doc.readLines()
    def start = -1
    lines.eachWithIndex { line, i ->
        if (start < 0 && line == '```xml') {
            start = i
        } else if (start >= 0 && line == '```') {
            def text = lines.subList(start + 1, i).join('\n')
            def root = text.find(/^\s*<(plugin|project)>/) { match, group -> group }
            def leftOut = start > 0 && lines[start - 1].startsWith('<!-- not built:')
            if (root && !leftOut) {
                snippets << [doc: doc.name, line: start + 2, root: root, text: text]
            }
            start = -1
        }
    }
}
assert snippets.size() >= 7 : "too few snippets found: ${snippets*.doc}"

def problems = []
def modules = []
snippets.eachWithIndex { snippet, index ->
    def name = "${snippet.doc.replace('.md', '').toLowerCase()}-line-${snippet.line}"
    def versions = (snippet.text =~ /<artifactId>migrate-maven-plugin<\/artifactId>\s*<version>([^<]*)<\/version>/)
            .collect { it[1] }
    if (versions.isEmpty() || versions.any { it != pluginVersion }) {
        problems << "${snippet.doc} line ${snippet.line}: names migrate-maven-plugin ${versions}, but the version" +
                " built is ${pluginVersion}: write ${pluginVersion}"
    }
    def module = new File(basedir, name)
    def text = snippet.text.readLines().findAll { it.strip() != '...' }.join('\n')
    def generates = text.contains('<goal>generate</goal>') || text.contains('<goal>upgrade</goal>')
    def parent = "<parent><groupId>com.example.shop</groupId><artifactId>doc-snippets</artifactId>" +
            "<version>2.3.0</version></parent><modelVersion>4.0.0</modelVersion><artifactId>${name}</artifactId>"
    def pom
    if (snippet.root == 'project') {
        pom = text.replaceFirst(/<project>/, "<project>${parent}")
    } else {
        // a plugin snippet is pasted into a project that has jOOQ already, as every user of the jOOQ classes does;
        // without executions, its configuration is checked by the goal that runs in every build
        def plugin = text
        if (!plugin.contains('<executions>')) {
            plugin = plugin.replaceFirst(/<\/plugin>\s*$/, '<executions><execution><id>snippet-check</id>' +
                    '<goals><goal>generate</goal></goals></execution></executions></plugin>')
            generates = true
        }
        pom = "<project>${parent}<dependencies><dependency><groupId>org.jooq</groupId><artifactId>jooq</artifactId>" +
                "<version>${jooqVersion}</version></dependency></dependencies><build><plugins>\n${plugin}\n" +
                "</plugins></build></project>"
    }
    module.mkdirs()
    new File(module, 'pom.xml').text = pom
    def migrations = new File(module, 'src/main/resources/db/migration')
    migrations.mkdirs()
    new File(migrations, 'V1__create_users.sql').text = 'CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT);\n'
    new File(migrations, 'V41__create_orders.sql').text =
            'CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT REFERENCES users);\n'
    new File(migrations, 'V42__index_orders.sql').text = 'CREATE INDEX orders_user_idx ON orders (user_id);\n'
    if (generates) {
        def configured = text.find(/<packageName>([^<]*)<\/packageName>/) { match, group -> group }
        def packageName = configured ?: 'com.example.shop.db'
        def source = new File(module, 'src/main/java/snippets/UsesGeneratedClasses.java')
        source.parentFile.mkdirs()
        source.text = """package snippets;

import static ${packageName}.Tables.ORDERS;
import static ${packageName}.Tables.USERS;

public final class UsesGeneratedClasses {
    public static String query() {
        return org.jooq.impl.DSL.using(org.jooq.SQLDialect.POSTGRES).select(USERS.EMAIL).from(USERS)
                .join(ORDERS).on(ORDERS.USER_ID.eq(USERS.ID)).getSQL();
    }
}
"""
    }
    modules << name
}
assert problems.isEmpty() : problems.join('\n')

def aggregator = new File(basedir, 'pom.xml')
aggregator.text = aggregator.text.replace('<!-- one per snippet, written by prebuild.groovy -->',
        modules.collect { "<module>${it}</module>" }.join('\n    '))
new File(basedir, 'modules.txt').text = modules.join('\n') + '\n'
return true
