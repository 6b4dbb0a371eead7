ALTER TABLE customer ALTER COLUMN mood DROP DEFAULT;
ALTER TABLE customer DROP CONSTRAINT customer_email_unique;
