-- the schema of V1 to V3 and a stock table, in one migration of another location
CREATE TYPE user_status AS ENUM ('active', 'blocked');
CREATE TABLE users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    status user_status NOT NULL DEFAULT 'active'
);
CREATE TABLE orders (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users,
    total NUMERIC(12, 2) NOT NULL
);
CREATE VIEW order_totals AS SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id;
CREATE FUNCTION order_count(p_user BIGINT) RETURNS BIGINT LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE user_id = p_user $$;
CREATE TABLE products (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE stock (
    product_id BIGINT PRIMARY KEY REFERENCES products,
    quantity INTEGER NOT NULL
);
