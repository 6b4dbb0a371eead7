package dev.migrate.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrate.connection.ConnectionSettings;
import dev.migrate.database.OpenDatabase;
import dev.migrate.database.ThrowawayDatabase;
import dev.migrate.embedded.EmbeddedServer;
import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.CapturingLog;
import dev.migrate.testing.TestMigrations;
import dev.migrate.testing.TestPostgres;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Undo scripts applied after their versions on a real PostgreSQL, compared with the schema before them. */
class UndoRoundTripTest {

    @Test
    void undoScriptsThatRestoreTheSchemaAndLetTheVersionBeAppliedAgainHaveNoFinding() {
        CapturingLog log = new CapturingLog();

        List<Finding> findings = UndoRoundTrip.run(project("good"), throwaway(), log);

        assertEquals(List.of(), findings);
        assertTrue(log.text().contains("Checked the round trip of 4 undo scripts"), log.text());
    }

    @Test
    void theDowngradeCorpusRoundTripsWithoutFinding() {
        CapturingLog log = new CapturingLog();

        List<Finding> findings = UndoRoundTrip.run(settings(folder("undo/corpus")), throwaway(), log);

        assertEquals(List.of(), findings);
        assertTrue(log.text().contains("Checked the round trip of 7 undo scripts"), log.text());
    }

    @Test
    void anUndoThatLeavesAColumnBehindIsOneFindingNamingTheColumnAndTheLaterVersionsAreStillChecked() {
        Path folder = folder("undo-check/leftover");

        List<Finding> findings = UndoRoundTrip.run(project("leftover"), throwaway(), TestPostgres.quietLog());

        assertEquals(1, findings.size(), findings.toString());
        Finding finding = findings.get(0);
        assertEquals(FindingCode.UNDO_ROUND_TRIP, finding.code());
        assertEquals(folder.resolve("U2__add_nickname.sql"), finding.file());
        assertTrue(
                finding.message().startsWith("U2__add_nickname.sql does not undo V2__add_nickname.sql"),
                finding.message());
        assertTrue(finding.message().contains("added column public.customers.nickname"), finding.message());
        assertTrue(
                finding.nextStep().contains("ALTER TABLE public.customers DROP COLUMN nickname"), finding.nextStep());
    }

    @Test
    void anUndoThatFailsIsAFindingWithFileLineAndSqlStateAndOneThatLeavesARowBehindIsFoundByApplyingTheVersionAgain() {
        Path folder = folder("undo-check/failing");

        List<Finding> findings = UndoRoundTrip.run(project("failing"), throwaway(), TestPostgres.quietLog());

        assertEquals(2, findings.size(), findings.toString());
        Finding failed = findings.get(0);
        assertEquals(folder.resolve("U2__add_email.sql"), failed.file());
        assertEquals(3, failed.line());
        assertTrue(
                failed.message()
                        .startsWith("U2__add_email.sql failed at line 3 (SQLSTATE 42703): ERROR: column"
                                + " \"e_mail\" of relation \"customers\" does not exist"),
                failed.message());
        Finding rowLeft = findings.get(1);
        assertEquals(folder.resolve("U3__seed.sql"), rowLeft.file());
        assertTrue(
                rowLeft.message()
                        .startsWith("After U3__seed.sql undid version 3, applying V3__seed.sql again" + " failed"),
                rowLeft.message());
        assertTrue(rowLeft.message().contains("23505"), rowLeft.message());
    }

    private static Supplier<OpenDatabase> throwaway() {
        EmbeddedServer server = TestPostgres.server();
        ConnectionSettings maintenance =
                new ConnectionSettings(server.jdbcUrl(EmbeddedServer.DEFAULT_DATABASE), null, null);
        return () -> new ThrowawayDatabase(maintenance, null, null).open(TestPostgres.quietLog());
    }

    static MigrationSettings project(String name) {
        return settings(folder("undo-check/" + name));
    }

    private static MigrationSettings settings(Path folder) {
        return TestMigrations.in(folder);
    }

    private static Path folder(String name) {
        try {
            return Path.of(UndoRoundTripTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
