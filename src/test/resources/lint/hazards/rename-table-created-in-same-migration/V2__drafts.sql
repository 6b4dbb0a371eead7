CREATE TABLE draft (id bigint, body text);
ALTER TABLE draft RENAME TO drafts;
ALTER TABLE drafts RENAME COLUMN body TO text_body;
