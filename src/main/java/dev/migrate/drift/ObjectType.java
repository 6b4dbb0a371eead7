package dev.migrate.drift;

/** The kinds of object a {@link SchemaSnapshot} reads, in the order drift is reported. */
public enum ObjectType {
    EXTENSION("extension"),
    ENUM("enum"),
    ENUM_VALUE("enum value"),
    DOMAIN("domain"),
    SEQUENCE("sequence"),
    TABLE("table"),
    COLUMN("column"),
    CONSTRAINT("constraint"),
    INDEX("index"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view"),
    FUNCTION("function"),
    PROCEDURE("procedure"),
    TRIGGER("trigger");

    private final String label;

    ObjectType(String label) {
        this.label = label;
    }

    /** How a finding names the kind, e.g. "materialized view". */
    public String label() {
        return label;
    }
}
