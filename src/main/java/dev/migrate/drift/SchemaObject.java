package dev.migrate.drift;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One object of a schema as {@link SchemaSnapshot} read it.
 *
 * @param type       what kind of object it is
 * @param name       its qualified name, quoted where SQL needs it: {@code public.orders}, {@code public.orders.total}
 * @param parent     what it belongs to: its table, type, owning table (an owned sequence) or schema
 * @param local      its name within {@code parent}
 * @param createSql  the statement that makes it, for hints; never compared
 * @param attributes what is compared, by name, in the query's order; a {@code null} value means "none"
 */
public record SchemaObject(
        ObjectType type, String name, String parent, String local, String createSql, Map<String, String> attributes) {

    public SchemaObject {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
