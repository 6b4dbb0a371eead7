SET lock_timeout = '5s';

ALTER TABLE orders
    DROP CONSTRAINT orders_customer_fk,
    ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer) REFERENCES customers (id) ON DELETE CASCADE;
