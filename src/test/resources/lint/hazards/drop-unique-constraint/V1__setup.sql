CREATE TABLE orders (id bigint PRIMARY KEY, code varchar(10) CONSTRAINT orders_code_key UNIQUE);
INSERT INTO orders SELECT i, 'c' || i FROM generate_series(1, 100) i;
