SET lock_timeout = '5s';

CREATE TABLE shipments (id bigint PRIMARY KEY);
ALTER TABLE shipments ADD COLUMN carrier text NOT NULL;
