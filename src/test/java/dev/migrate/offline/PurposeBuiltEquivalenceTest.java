package dev.migrate.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.migration.MigrationSettings;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A corpus built to cover what a script must get right: COPY data, CREATE INDEX CONCURRENTLY, a {@code .conf} that
 * turns the transaction off, ALTER TYPE ... ADD VALUE, repeatables with placeholders, dotted and zero-padded versions,
 * a BOM and CRLF line endings, a description longer than the history column, DO blocks, dollar quotes, comments, and
 * the search path a migration leaves behind.
 */
class PurposeBuiltEquivalenceTest {

    static MigrationSettings settings(String tenant) {
        return settings(tenant, List.of());
    }

    static MigrationSettings settings(String tenant, List<String> schemas) {
        try {
            Path folder = Path.of(PurposeBuiltEquivalenceTest.class
                    .getResource("/offline-corpus")
                    .toURI());
            return new MigrationSettings(
                    List.of("filesystem:" + folder),
                    schemas,
                    Map.of("tenant", tenant),
                    Map.of(),
                    null,
                    PurposeBuiltEquivalenceTest.class.getClassLoader());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void wholeCorpusFromEmpty() {
        OfflineSql.Script script = new Equivalence(settings("acme")).prove(null, null);

        String text = script.text();
        assertTrue(
                text.contains("-- NOT IN A TRANSACTION: Flyway runs this migration outside one (line 1: CREATE INDEX"
                        + " CONCURRENTLY"),
                text);
        assertTrue(
                text.contains("-- NOT IN A TRANSACTION: Flyway runs this migration outside one"
                        + " (executeInTransaction=false in its .conf)"),
                text);
        assertTrue(
                text.contains("SELECT $migrate$COPY cities (id, name, note) FROM stdin$migrate$ \\gexec\n"
                        + "1\tZürich\t\\N\n"),
                text);
        assertTrue(text.contains("CREATE OR REPLACE VIEW acme_accounts"), text);
    }

    /** Flyway creates the configured schemas, records them, and puts the first one on each migration's search path. */
    @Test
    void inConfiguredSchemasThatFlywayCreates() {
        OfflineSql.Script script = new Equivalence(settings("acme", List.of("app", "audit"))).prove(null, null);

        assertTrue(script.text().contains("CREATE TABLE \"app\".\"flyway_schema_history\""), script.text());
    }

    @Test
    void rangeFromTheMiddle() {
        OfflineSql.Script script = new Equivalence(settings("acme")).prove("1.1", "4");

        assertEquals(List.of("1.01", "4"), List.of(script.from(), script.to()));
    }

    /** A repeatable whose placeholder value changed is applied again, as Flyway applies it; an unchanged one is not. */
    @Test
    void repeatableRunsAgainOnlyWhenItsChecksumChanged() {
        Equivalence acme = new Equivalence(settings("acme"));
        Equivalence other = new Equivalence(settings("other"));
        String byFlyway = PostgresClient.newDatabase();
        String byScript = PostgresClient.newDatabase();
        acme.upgrade(byFlyway, null);
        acme.upgrade(byScript, null);
        int historyBefore = Equivalence.history(byScript).size();

        other.upgrade(byFlyway, null);
        PostgresClient.Result applied = Equivalence.apply(byScript, other.render("6", null));

        assertEquals(0, applied.exitCode(), applied.output());
        assertEquals(Equivalence.history(byFlyway), Equivalence.history(byScript));
        assertEquals(historyBefore + 1, Equivalence.history(byScript).size(), "only the tenant view runs again");
        assertEquals(PostgresClient.schemaDump(byFlyway), PostgresClient.schemaDump(byScript));
    }
}
