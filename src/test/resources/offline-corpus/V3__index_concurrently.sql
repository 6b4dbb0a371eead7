CREATE INDEX CONCURRENTLY cities_name_idx ON cities (name);
