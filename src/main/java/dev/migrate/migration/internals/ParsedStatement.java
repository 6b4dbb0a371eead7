package dev.migrate.migration.internals;

/**
 * One statement of a migration, as Flyway's parser split it.
 *
 * @param line          the line in the script where it starts
 * @param sql           its text, placeholders replaced, without the delimiter
 * @param transactional whether Flyway can run it inside a transaction
 * @param copyData      the rows of a {@code COPY ... FROM STDIN}, or {@code null} for any other statement
 */
public record ParsedStatement(int line, String sql, boolean transactional, String copyData) {}
