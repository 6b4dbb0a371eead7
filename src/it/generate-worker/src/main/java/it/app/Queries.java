package it.app;

import static it.migrate.db.Tables.SHIPMENTS;
import static it.migrate.db.Tables.USERS;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Compiles against the classes the codegen worker generated. */
public final class Queries {

    public static String unsentShipments() {
        return DSL.using(SQLDialect.POSTGRES).select(USERS.EMAIL).from(USERS)
                .join(SHIPMENTS).on(SHIPMENTS.USER_ID.eq(USERS.ID)).where(SHIPMENTS.SENT_AT.isNull()).getSQL();
    }
}
