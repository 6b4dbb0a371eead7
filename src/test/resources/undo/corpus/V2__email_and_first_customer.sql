ALTER TABLE customer ADD COLUMN email text;
INSERT INTO customer (name, email, mood) VALUES ('ann', 'ann@example.com', 'ok');
