CREATE TABLE extended_items (id bigint PRIMARY KEY);
