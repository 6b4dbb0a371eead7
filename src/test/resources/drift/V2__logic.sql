CREATE FUNCTION order_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_touched BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION order_touched();

CREATE FUNCTION order_value(quantity integer, price numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT
    RETURN quantity * price;

CREATE PROCEDURE forget_customer(customer bigint) LANGUAGE sql AS $$ DELETE FROM customers WHERE id = customer $$;

CREATE VIEW big_orders AS
    SELECT o.id, c.email, o.total
    FROM orders o JOIN customers c ON c.id = o.customer_id
    WHERE o.total > 100;

CREATE MATERIALIZED VIEW orders_per_customer AS
    SELECT customer_id, count(*) AS orders FROM orders GROUP BY customer_id;

CREATE UNIQUE INDEX orders_per_customer_id ON orders_per_customer (customer_id);

CREATE TABLE order_events (
    order_id integer NOT NULL REFERENCES orders (id),
    happened_at timestamptz NOT NULL,
    payload jsonb
) PARTITION BY RANGE (happened_at);

CREATE TABLE order_events_2026 PARTITION OF order_events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
