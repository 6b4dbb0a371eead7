CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer bigint NOT NULL, code varchar(10), note text);
CREATE INDEX orders_customer ON orders (customer);
INSERT INTO customers VALUES (1, 'ada'), (2, 'bob');
INSERT INTO orders SELECT i, 1 + i % 2, 'c' || i, 'note ' || i FROM generate_series(1, 100) i;
