CREATE TABLE events (id bigint NOT NULL, what text);
INSERT INTO events SELECT i, 'e' FROM generate_series(1, 50) i;
