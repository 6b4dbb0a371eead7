CREATE TABLE audit (id bigint PRIMARY KEY, at timestamptz NOT NULL);
