CREATE SCHEMA archive;
CREATE TABLE archive.old_orders (id bigint);
