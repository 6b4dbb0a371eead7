CREATE OR REPLACE VIEW product_sales AS
SELECT p.id          AS product_id,
       p.sku,
       p.title,
       count(pu.id)  AS purchases,
       coalesce(sum(pu.price_cents) FILTER (WHERE pu.status = 'paid'), 0) AS revenue_cents
FROM products p
LEFT JOIN purchases pu ON pu.product_id = p.id
GROUP BY p.id, p.sku, p.title;
