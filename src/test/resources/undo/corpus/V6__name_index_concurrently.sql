CREATE INDEX CONCURRENTLY customer_name_idx ON customer (name);
