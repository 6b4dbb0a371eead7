package dev.migrate.downgrade;

import dev.migrate.migration.MigrationSettings;
import dev.migrate.testing.TestMigrations;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The purpose-built corpus with an undo script for every version, and how the downgrade tests read a database. */
final class UndoCorpus {

    private UndoCorpus() {}

    /** The folder {@code undo/corpus} of the test resources. */
    static Path folder() {
        try {
            return Path.of(UndoCorpus.class.getResource("/undo/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static MigrationSettings settings() {
        return TestMigrations.in(folder());
    }

    /** The first column of every row {@code query} returns, as text. */
    static List<String> rows(DataSource database, String query) throws SQLException {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        }
    }
}
