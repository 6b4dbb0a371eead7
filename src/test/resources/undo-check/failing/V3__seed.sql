CREATE UNIQUE INDEX customers_name ON customers (name);
INSERT INTO customers (name) VALUES ('Ada');
