CREATE TABLE orders (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users,
    total NUMERIC(12, 2) NOT NULL
);
CREATE VIEW order_totals AS SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id;
CREATE FUNCTION order_count(p_user BIGINT) RETURNS BIGINT LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE user_id = p_user $$;
