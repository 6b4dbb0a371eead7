ALTER TABLE customers ADD COLUMN email text;
CREATE TYPE mood AS ENUM ('happy', 'sad');
ALTER TABLE customers ADD COLUMN mood mood;
