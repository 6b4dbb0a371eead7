CREATE INDEX CONCURRENTLY customers_email ON customers (email);
