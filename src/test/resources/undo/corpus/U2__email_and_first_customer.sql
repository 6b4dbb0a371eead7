DELETE FROM customer WHERE name = 'ann';
ALTER TABLE customer DROP COLUMN email;
