ALTER TABLE customers ADD COLUMN nickname text;
CREATE INDEX customers_name ON customers (name);
