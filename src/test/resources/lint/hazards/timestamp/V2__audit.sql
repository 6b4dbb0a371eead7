CREATE TABLE audit (id bigint PRIMARY KEY, at timestamp NOT NULL);
