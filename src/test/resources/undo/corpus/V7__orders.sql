CREATE TABLE orders (
    id int PRIMARY KEY,
    customer_id int NOT NULL REFERENCES customer (id),
    total numeric(10, 2) NOT NULL
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
INSERT INTO orders (id, customer_id, total) SELECT 1, id, 9.99 FROM customer WHERE name = 'ann';
UPDATE customer SET mood = 'happy' WHERE name = 'ann';
