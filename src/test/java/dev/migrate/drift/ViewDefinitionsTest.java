package dev.migrate.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The definitions PostgreSQL 15 and 17 printed for the same views (DriftAcrossVersionsTest) read alike. */
class ViewDefinitionsTest {

    @Test
    void aSingleRelationViewAsPostgres15PrintsItReadsAs17PrintsIt() {
        String by15 = " SELECT orders.customer_id,\n    count(*) AS orders\n   FROM public.orders\n"
                + "  GROUP BY orders.customer_id;";
        String by17 = " SELECT customer_id,\n    count(*) AS orders\n   FROM public.orders\n  GROUP BY customer_id;";

        assertEquals(ViewDefinitions.normalized(by17), ViewDefinitions.normalized(by15));
        assertEquals(by17, ViewDefinitions.normalized(by17));
    }

    @Test
    void anAliasIsTheQualifier() {
        assertEquals(
                " SELECT id\n   FROM public.orders o\n  WHERE total > 1;",
                ViewDefinitions.normalized(" SELECT o.id\n   FROM public.orders o\n  WHERE o.total > 1;"));
    }

    /** With two relations both versions qualify the columns: nothing to normalize, and nothing may be lost. */
    @Test
    void aJoinIsLeftAsPrinted() {
        String join =
                " SELECT o.id,\n    c.email\n   FROM (public.orders o\n     JOIN public.customers c ON ((c.id = o.customer_id)));";

        assertEquals(join, ViewDefinitions.normalized(join));
    }
}
