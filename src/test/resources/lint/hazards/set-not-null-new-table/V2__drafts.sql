CREATE TABLE drafts (id bigint, body text);
ALTER TABLE drafts ALTER COLUMN body SET NOT NULL;
