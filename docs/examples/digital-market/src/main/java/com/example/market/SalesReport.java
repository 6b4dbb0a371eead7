package com.example.market;

import static com.example.market.db.Tables.PRODUCTS;
import static com.example.market.db.Tables.PRODUCT_SALES;
import static com.example.market.db.Tables.PURCHASES;

import com.example.market.db.enums.DeliveryFormat;
import com.example.market.db.enums.PurchaseStatus;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Queries written against the jOOQ classes generated from the migrations: a typo here fails the compile. */
public final class SalesReport {

    private SalesReport() {
    }

    /** Revenue per downloadable product, best sellers first. */
    public static String topDownloads() {
        return DSL.using(SQLDialect.POSTGRES)
                .select(PRODUCT_SALES.SKU, PRODUCT_SALES.TITLE, PRODUCT_SALES.REVENUE_CENTS)
                .from(PRODUCT_SALES)
                .join(PRODUCTS).on(PRODUCTS.ID.eq(PRODUCT_SALES.PRODUCT_ID))
                .where(PRODUCTS.FORMAT.eq(DeliveryFormat.download))
                .orderBy(PRODUCT_SALES.REVENUE_CENTS.desc())
                .getSQL();
    }

    /** Purchases still waiting for payment. */
    public static String pendingPurchases() {
        return DSL.using(SQLDialect.POSTGRES)
                .selectFrom(PURCHASES)
                .where(PURCHASES.STATUS.eq(PurchaseStatus.pending))
                .getSQL();
    }

    public static void main(String[] args) {
        System.out.println(topDownloads());
        System.out.println(pendingPurchases());
    }
}
