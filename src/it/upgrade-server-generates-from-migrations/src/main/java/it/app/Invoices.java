package it.app;

import static it.migrate.db.Tables.INVOICES;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

public final class Invoices {

    public static String large() {
        return DSL.using(SQLDialect.POSTGRES).selectFrom(INVOICES).where(INVOICES.TOTAL_CENTS.gt(10_000)).getSQL();
    }
}
