CREATE TABLE plain_items (id bigint PRIMARY KEY);
