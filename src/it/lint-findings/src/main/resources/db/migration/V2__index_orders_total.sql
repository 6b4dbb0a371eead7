-- the monthly report sorts orders by total
CREATE INDEX orders_total ON orders (total);
