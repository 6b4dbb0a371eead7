ALTER TABLE customers DROP COLUMN mood;
DROP TYPE mood;
ALTER TABLE customers DROP COLUMN email;
