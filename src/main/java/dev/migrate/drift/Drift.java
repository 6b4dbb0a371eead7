package dev.migrate.drift;

/**
 * One difference between the schema the migrations produce and the target's schema.
 *
 * @param kind       how the target differs from the migrations
 * @param objectType what kind of object differs
 * @param name       the object's qualified name
 * @param detail     what differs, e.g. {@code type integer -> bigint}; empty for an added or removed object
 * @param hint       SQL that would make the target match the migrations: a hint to read, never run unread (data
 *                   may depend on the difference, and a migration may be the better fix)
 */
public record Drift(Kind kind, ObjectType objectType, String name, String detail, String hint) {

    /** How the target differs from what the migrations produce. */
    public enum Kind {
        /** In the target, not made by the migrations. */
        ADDED("added"),
        /** Made by the migrations, missing in the target. */
        REMOVED("removed"),
        /** In both, with different definitions. */
        CHANGED("changed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One line: {@code changed column public.orders.total: type integer -> bigint}. */
    public String summary() {
        return kind.label() + " " + objectType.label() + " " + name + (detail.isEmpty() ? "" : ": " + detail);
    }

    @Override
    public String toString() {
        return summary() + "\n  hint (SQL to review before running): " + hint.replace("\n", "\n  ");
    }
}
