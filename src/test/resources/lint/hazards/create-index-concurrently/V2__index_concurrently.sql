CREATE INDEX CONCURRENTLY orders_code ON orders (code);
