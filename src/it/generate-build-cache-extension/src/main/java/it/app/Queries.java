package it.app;

import static it.migrate.db.Tables.ORDERS;
import static it.migrate.db.Tables.ORDER_TOTALS;
import static it.migrate.db.Tables.USERS;

import it.migrate.db.Keys;
import it.migrate.db.Routines;
import it.migrate.db.enums.UserStatus;
import it.migrate.db.tables.records.UsersRecord;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Uses tables, records, keys, enums, views and routines of the generated classes. */
public final class Queries {

    public static String activeUsersWithOrders() {
        UsersRecord prototype = new UsersRecord();
        prototype.setStatus(UserStatus.active);
        return DSL.using(SQLDialect.POSTGRES)
                .select(USERS.EMAIL, ORDER_TOTALS.TOTAL, Routines.orderCount(USERS.ID))
                .from(USERS.join(ORDERS).onKey(Keys.ORDERS__ORDERS_USER_ID_FKEY))
                .join(ORDER_TOTALS).on(ORDER_TOTALS.USER_ID.eq(USERS.ID))
                .where(USERS.STATUS.eq(prototype.getStatus()))
                .getSQL();
    }
}
