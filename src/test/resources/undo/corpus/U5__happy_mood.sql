-- PostgreSQL cannot drop an enum value: rebuild the type without it. Rows that use it must be changed first
-- (U7 does), else the cast below fails and the undo rolls back.
ALTER TABLE customer ALTER COLUMN mood DROP DEFAULT;
ALTER TYPE mood RENAME TO mood_with_happy;
CREATE TYPE mood AS ENUM ('sad', 'ok');
ALTER TABLE customer ALTER COLUMN mood TYPE mood USING mood::text::mood;
ALTER TABLE customer ALTER COLUMN mood SET DEFAULT 'ok';
DROP TYPE mood_with_happy;
