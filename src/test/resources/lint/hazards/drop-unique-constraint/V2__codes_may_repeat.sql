SET lock_timeout = '5s';

ALTER TABLE orders DROP CONSTRAINT orders_code_key;
