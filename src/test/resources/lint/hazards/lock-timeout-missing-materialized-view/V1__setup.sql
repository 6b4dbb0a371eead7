CREATE TABLE orders (id bigint PRIMARY KEY, placed_on date NOT NULL, total numeric(10, 2) NOT NULL);
INSERT INTO orders SELECT i, DATE '2026-01-01' + i % 30, i FROM generate_series(1, 100) i;
CREATE MATERIALIZED VIEW daily_totals AS SELECT placed_on, sum(total) AS total FROM orders GROUP BY placed_on;
