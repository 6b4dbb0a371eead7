-- a table no other IT has, so that no other IT's entry of the shared cache has this one's key
CREATE TABLE shared_cache_entries (id BIGINT PRIMARY KEY, label TEXT NOT NULL);
