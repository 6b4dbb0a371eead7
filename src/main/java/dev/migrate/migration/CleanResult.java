package dev.migrate.migration;

import java.util.List;

/**
 * What Flyway's clean dropped, one line a schema.
 *
 * @param database how the database is named in the output
 * @param schemas  per schema: cleaned or dropped, and how many objects of each kind it held
 */
public record CleanResult(String database, List<String> schemas) {

    public CleanResult {
        schemas = List.copyOf(schemas);
    }
}
