package it.app;

import it.migrate.db.Tables;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Uses the classes of both packages. */
public final class Queries {

    public static String usersInBoth() {
        return DSL.using(SQLDialect.POSTGRES)
                .select(Tables.USERS.ID, it.migrate.users.Tables.USERS.ID)
                .from(Tables.USERS)
                .getSQL();
    }
}
