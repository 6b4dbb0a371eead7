package dev.migrate.drift;

/**
 * The catalog query that reads each {@link ObjectType}. Every query takes the compared schemas as its one parameter
 * and returns {@code name} (qualified, quoted where SQL needs it), {@code parent} (the table, type or schema it
 * belongs to), {@code local} (its name within the parent), {@code create_sql} (the statement that makes it, for hints
 * only, never compared), then the compared attributes, named by their column labels.
 */
final class CatalogQueries {

    /** A domain's named constraints; NOT NULL is typnotnull, which newer servers also list here (contype n). */
    private static final String DOMAIN_CONSTRAINTS = "(SELECT string_agg('CONSTRAINT ' || quote_ident(c.conname) || ' '"
            + " || pg_get_constraintdef(c.oid), ' ' ORDER BY c.conname) FROM pg_constraint c"
            + " WHERE c.contypid = t.oid AND c.contype <> 'n')";

    private CatalogQueries() {}

    // the queries are in a method body: the plugin descriptor's Java parser reads no text block in an enum constant
    static String of(ObjectType type) {
        return switch (type) {
            case EXTENSION -> """
            SELECT quote_ident(e.extname) AS name, quote_ident(n.nspname) AS parent, quote_ident(e.extname) AS local,
                   'CREATE EXTENSION ' || quote_ident(e.extname) || ' SCHEMA ' || quote_ident(n.nspname) || ';'
                       AS create_sql,
                   n.nspname AS "schema"
            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE n.nspname = ANY (?)
            """;
            case ENUM -> """
            SELECT %1$s AS name, quote_ident(n.nspname) AS parent, quote_ident(t.typname) AS local,
                   'CREATE TYPE ' || %1$s || ' AS ENUM ('
                       || (SELECT string_agg(quote_literal(v.enumlabel), ', ' ORDER BY v.enumsortorder)
                           FROM pg_enum v WHERE v.enumtypid = t.oid) || ');' AS create_sql
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype = 'e' AND n.nspname = ANY (?) AND %2$s
            """.formatted(qualified("n.nspname", "t.typname"), notInExtension("pg_type", "t.oid"));
            case ENUM_VALUE -> """
            SELECT %1$s || '.' || quote_literal(v.enumlabel) AS name, %1$s AS parent,
                   quote_literal(v.enumlabel) AS local,
                   'ALTER TYPE ' || %1$s || ' ADD VALUE ' || quote_literal(v.enumlabel)
                       || coalesce(' AFTER ' || quote_literal(lag(v.enumlabel) OVER w), '') || ';' AS create_sql,
                   lag(v.enumlabel) OVER w AS "after"
            FROM pg_enum v JOIN pg_type t ON t.oid = v.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ANY (?) AND %2$s
            WINDOW w AS (PARTITION BY v.enumtypid ORDER BY v.enumsortorder)
            """.formatted(qualified("n.nspname", "t.typname"), notInExtension("pg_type", "t.oid"));
            case DOMAIN ->
                """
            SELECT %1$s AS name, quote_ident(n.nspname) AS parent, quote_ident(t.typname) AS local,
                   'CREATE DOMAIN ' || %1$s || ' AS ' || format_type(t.typbasetype, t.typtypmod)
                       || coalesce(' DEFAULT ' || pg_get_expr(t.typdefaultbin, 0), '')
                       || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
                       || coalesce(' ' || %3$s, '') || ';' AS create_sql,
                   format_type(t.typbasetype, t.typtypmod) AS "type", t.typnotnull AS "not null",
                   pg_get_expr(t.typdefaultbin, 0) AS "default", %3$s AS "constraints"
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype = 'd' AND n.nspname = ANY (?) AND %2$s
            """.formatted(
                        qualified("n.nspname", "t.typname"), notInExtension("pg_type", "t.oid"), DOMAIN_CONSTRAINTS);
            case SEQUENCE ->
                """
            SELECT %1$s AS name,
                   coalesce((SELECT %3$s FROM pg_depend d JOIN pg_class o ON o.oid = d.refobjid
                                 JOIN pg_namespace onsp ON onsp.oid = o.relnamespace
                             WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                 AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')),
                            quote_ident(n.nspname)) AS parent,
                   quote_ident(c.relname) AS local,
                   'CREATE SEQUENCE ' || %1$s || ' AS ' || format_type(s.seqtypid, NULL)
                       || ' INCREMENT BY ' || s.seqincrement || ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax
                       || ' START WITH ' || s.seqstart || ' CACHE ' || s.seqcache
                       || CASE WHEN s.seqcycle THEN ' CYCLE' ELSE ' NO CYCLE' END || ';' AS create_sql,
                   format_type(s.seqtypid, NULL) AS "type", s.seqstart AS "start", s.seqincrement AS "increment",
                   s.seqmin AS "min", s.seqmax AS "max", s.seqcycle AS "cycle", s.seqcache AS "cache"
            FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY (?) AND %2$s
            """.formatted(
                                qualified("n.nspname", "c.relname"),
                                notInExtension("pg_class", "c.oid"),
                                qualified("onsp.nspname", "o.relname"));
            case TABLE -> """
            SELECT %1$s AS name, quote_ident(n.nspname) AS parent, quote_ident(c.relname) AS local,
                   'CREATE ' || CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END || 'TABLE ' || %1$s
                       || ' ()' || coalesce(' PARTITION BY ' || pg_get_partkeydef(c.oid), '') || ';' AS create_sql,
                   c.relpersistence = 'u' AS "unlogged", pg_get_partkeydef(c.oid) AS "partitioned by",
                   pg_get_expr(c.relpartbound, c.oid) AS "partition bound"
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (?) AND %2$s
            """.formatted(qualified("n.nspname", "c.relname"), notInExtension("pg_class", "c.oid"));
            case COLUMN -> """
            SELECT %1$s || '.' || quote_ident(a.attname) AS name, %1$s AS parent, quote_ident(a.attname) AS local,
                   'ALTER TABLE ' || %1$s || ' ADD COLUMN ' || quote_ident(a.attname) || ' '
                       || format_type(a.atttypid, a.atttypmod)
                       || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
                       || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || ';' AS create_sql,
                   format_type(a.atttypid, a.atttypmod) AS "type", a.attnotnull AS "not null",
                   pg_get_expr(d.adbin, d.adrelid) AS "default",
                   nullif(a.attidentity, '') AS "identity", nullif(a.attgenerated, '') AS "generated"
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname = ANY (?) AND %2$s
            """.formatted(qualified("n.nspname", "c.relname"), notInExtension("pg_class", "c.oid"));
            case CONSTRAINT -> """
            SELECT %1$s || '.' || quote_ident(k.conname) AS name, %1$s AS parent, quote_ident(k.conname) AS local,
                   'ALTER TABLE ' || %1$s || ' ADD CONSTRAINT ' || quote_ident(k.conname) || ' '
                       || pg_get_constraintdef(k.oid) || ';' AS create_sql,
                   pg_get_constraintdef(k.oid) AS "definition"
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE k.contype <> 'n' AND n.nspname = ANY (?) AND %2$s
            """.formatted(qualified("n.nspname", "c.relname"), notInExtension("pg_class", "c.oid"));
            case INDEX ->
                """
            SELECT %1$s AS name, %3$s AS parent, quote_ident(ic.relname) AS local,
                   pg_get_indexdef(i.indexrelid) || ';' AS create_sql,
                   pg_get_indexdef(i.indexrelid) AS "definition"
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = ic.relnamespace
            WHERE n.nspname = ANY (?) AND %2$s
                -- the index of a primary key, unique or exclusion constraint is compared as that constraint
                AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid
                                AND k.contype IN ('p', 'u', 'x') AND k.conrelid = i.indrelid)
            """.formatted(
                                qualified("n.nspname", "ic.relname"),
                                notInExtension("pg_class", "c.oid"),
                                qualified("n.nspname", "c.relname"));
            case VIEW -> """
            SELECT %1$s AS name, quote_ident(n.nspname) AS parent, quote_ident(c.relname) AS local,
                   'CREATE OR REPLACE VIEW ' || %1$s || ' AS' || chr(10) || pg_get_viewdef(c.oid) AS create_sql,
                   pg_get_viewdef(c.oid) AS "definition"
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'v' AND n.nspname = ANY (?) AND %2$s
            """.formatted(qualified("n.nspname", "c.relname"), notInExtension("pg_class", "c.oid"));
            case MATERIALIZED_VIEW ->
                """
            SELECT %1$s AS name, quote_ident(n.nspname) AS parent, quote_ident(c.relname) AS local,
                   'CREATE MATERIALIZED VIEW ' || %1$s || ' AS' || chr(10) || pg_get_viewdef(c.oid) AS create_sql,
                   pg_get_viewdef(c.oid) AS "definition"
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'm' AND n.nspname = ANY (?) AND %2$s
            """.formatted(qualified("n.nspname", "c.relname"), notInExtension("pg_class", "c.oid"));
            case FUNCTION -> routines('f');
            case PROCEDURE -> routines('p');
            case TRIGGER -> """
            SELECT %1$s || '.' || quote_ident(t.tgname) AS name, %1$s AS parent, quote_ident(t.tgname) AS local,
                   pg_get_triggerdef(t.oid) || ';' AS create_sql,
                   pg_get_triggerdef(t.oid) AS "definition", nullif(t.tgenabled, 'O') AS "disabled"
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND n.nspname = ANY (?) AND %2$s
            """.formatted(qualified("n.nspname", "c.relname"), notInExtension("pg_class", "c.oid"));
        };
    }

    /**
     * Functions or procedures: the signature is the name with pg_get_function_identity_arguments; the body is prosrc,
     * or, for a body in standard SQL (BEGIN ATOMIC, PostgreSQL 14 and later, where prosrc is empty), the whole
     * definition as PostgreSQL prints it. to_jsonb reads prosqlbody without failing on servers that lack the column.
     */
    private static String routines(char kind) {
        return """
                SELECT %1$s || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
                       quote_ident(n.nspname) AS parent,
                       quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS local,
                       pg_get_functiondef(p.oid) || ';' AS create_sql,
                       pg_get_function_result(p.oid) AS "result", l.lanname AS "language",
                       p.provolatile AS "volatility", p.proisstrict AS "strict", p.prosecdef AS "security definer",
                       array_to_string(p.proconfig, ', ') AS "settings",
                       CASE WHEN to_jsonb(p) ->> 'prosqlbody' IS NULL THEN p.prosrc
                            ELSE pg_get_functiondef(p.oid) END AS "body"
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
                WHERE p.prokind = '%3$s' AND n.nspname = ANY (?) AND %2$s
                """.formatted(qualified("n.nspname", "p.proname"), notInExtension("pg_proc", "p.oid"), kind);
    }

    private static String qualified(String schema, String name) {
        return "quote_ident(" + schema + ") || '.' || quote_ident(" + name + ")";
    }

    /** Objects an extension created belong to the extension, which is compared by name and schema. */
    private static String notInExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '" + catalog + "'::regclass AND x.objid = "
                + oid + " AND x.deptype = 'e')";
    }
}
