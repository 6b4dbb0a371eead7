-- adds a price, then a typo
ALTER TABLE products ADD COLUMN price INTEGER;

UPDATE products SET price = 0;
CREAT INDEX products_price_idx ON products (price);
