CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer bigint NOT NULL CONSTRAINT orders_customer_fk REFERENCES customers (id));
INSERT INTO customers VALUES (1, 'ada');
INSERT INTO orders SELECT i, 1 FROM generate_series(1, 100) i;
