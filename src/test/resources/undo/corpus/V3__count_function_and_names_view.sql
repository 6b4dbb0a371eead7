CREATE FUNCTION customer_count() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT count(*) FROM customer;
$$;
CREATE VIEW customer_names AS SELECT id, name FROM customer;
