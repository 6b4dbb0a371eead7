ALTER TABLE customer ADD CONSTRAINT customer_email_unique UNIQUE (email);
ALTER TABLE customer ALTER COLUMN mood SET DEFAULT 'ok';
