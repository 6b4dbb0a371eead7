-- the monthly report sorts orders by total
-- migrate:lint-ignore index-not-concurrent orders is rebuilt empty at each deployment
CREATE INDEX orders_total ON orders (total);
