package it.app;

import static it.migrate.db.Tables.USERS;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

public final class Queries {

    public static String emails() {
        return DSL.using(SQLDialect.POSTGRES).select(USERS.EMAIL).from(USERS).getSQL();
    }
}
