SET lock_timeout = '5s';

CREATE INDEX orders_code ON orders (code);
