package dev.migrate.drift;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The SQL that would remove one drift, built from the objects' own definitions as PostgreSQL prints them. */
final class Hints {

    private Hints() {}

    /** Removes an object the target has and the migrations do not make. */
    static String drop(SchemaObject object) {
        String name = object.name();
        return switch (object.type()) {
            case EXTENSION -> "DROP EXTENSION " + name + ";";
            case ENUM -> "DROP TYPE " + name + ";";
            case ENUM_VALUE ->
                "-- PostgreSQL cannot drop an enum value: create " + object.parent() + " anew without " + object.local()
                        + " (and convert its columns), or add the value in a migration";
            case DOMAIN -> "DROP DOMAIN " + name + ";";
            case SEQUENCE -> "DROP SEQUENCE " + name + ";";
            case TABLE -> "DROP TABLE " + name + ";";
            case COLUMN -> "ALTER TABLE " + object.parent() + " DROP COLUMN " + object.local() + ";";
            case CONSTRAINT -> "ALTER TABLE " + object.parent() + " DROP CONSTRAINT " + object.local() + ";";
            case INDEX -> "DROP INDEX " + name + ";";
            case VIEW -> "DROP VIEW " + name + ";";
            case MATERIALIZED_VIEW -> "DROP MATERIALIZED VIEW " + name + ";";
            case FUNCTION -> "DROP FUNCTION " + name + ";";
            case PROCEDURE -> "DROP PROCEDURE " + name + ";";
            case TRIGGER -> "DROP TRIGGER " + object.local() + " ON " + object.parent() + ";";
        };
    }

    /**
     * Makes an object the migrations make and the target lacks; a table or materialized view with what belongs to it
     * (columns, constraints, indexes, triggers, owned sequences), which are not reported one by one.
     */
    static String create(SchemaObject object, SchemaSnapshot snapshot) {
        if (object.type() != ObjectType.TABLE && object.type() != ObjectType.MATERIALIZED_VIEW) {
            return object.createSql();
        }
        return Stream.concat(Stream.of(object), snapshot.children(object.name()).stream())
                .map(SchemaObject::createSql)
                .collect(Collectors.joining("\n"));
    }

    /** Turns the target's {@code actual} into the migrations' {@code expected}. */
    static String change(SchemaObject expected, SchemaObject actual, SchemaSnapshot expectedSnapshot) {
        return switch (expected.type()) {
            case COLUMN -> alterColumn(expected, actual);
            case SEQUENCE -> expected.createSql().replaceFirst("^CREATE", "ALTER");
            case VIEW -> expected.createSql();
            case FUNCTION, PROCEDURE ->
                Objects.equals(
                                expected.attributes().get("result"),
                                actual.attributes().get("result"))
                        ? expected.createSql()
                        : drop(actual) + "\n" + expected.createSql();
            case ENUM_VALUE ->
                "-- PostgreSQL cannot move an enum value: create " + expected.parent()
                        + " anew with the values in the migrations' order";
            default -> drop(actual) + "\n" + create(expected, expectedSnapshot);
        };
    }

    private static String alterColumn(SchemaObject expected, SchemaObject actual) {
        String alter = "ALTER TABLE " + expected.parent() + " ALTER COLUMN " + expected.local();
        Map<String, String> wanted = expected.attributes();
        if (!Objects.equals(wanted.get("identity"), actual.attributes().get("identity"))
                || !Objects.equals(wanted.get("generated"), actual.attributes().get("generated"))) {
            return "-- the column's data is lost: copy it first\n" + drop(actual) + "\n" + expected.createSql();
        }
        StringBuilder hint = new StringBuilder();
        if (!Objects.equals(wanted.get("type"), actual.attributes().get("type"))) {
            hint.append(alter)
                    .append(" TYPE ")
                    .append(wanted.get("type"))
                    .append(" USING ")
                    .append(expected.local())
                    .append("::")
                    .append(wanted.get("type"))
                    .append(";\n");
        }
        if (!Objects.equals(wanted.get("default"), actual.attributes().get("default"))) {
            hint.append(alter)
                    .append(
                            wanted.get("default") == null
                                    ? " DROP DEFAULT;\n"
                                    : " SET DEFAULT " + wanted.get("default") + ";\n");
        }
        if (!Objects.equals(wanted.get("not null"), actual.attributes().get("not null"))) {
            hint.append(alter).append("t".equals(wanted.get("not null")) ? " SET NOT NULL;\n" : " DROP NOT NULL;\n");
        }
        return hint.toString().strip();
    }
}
