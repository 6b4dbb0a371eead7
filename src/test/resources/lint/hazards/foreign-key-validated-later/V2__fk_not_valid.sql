SET lock_timeout = '5s';

ALTER TABLE orders ADD CONSTRAINT orders_customer_fk
    FOREIGN KEY (customer) REFERENCES customers (id) NOT VALID;
