CREATE TABLE orders (
    id     BIGINT PRIMARY KEY,
    amount NUMERIC(12, 2) NOT NULL
);
