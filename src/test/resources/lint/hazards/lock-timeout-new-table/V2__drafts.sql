CREATE TABLE drafts (id bigint);
ALTER TABLE drafts ADD COLUMN body text;
