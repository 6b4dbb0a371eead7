CREATE TABLE counters (id integer PRIMARY KEY, hits integer NOT NULL);
CREATE INDEX counters_hits ON counters (hits, id);
INSERT INTO counters SELECT i, i FROM generate_series(1, 50) i;
