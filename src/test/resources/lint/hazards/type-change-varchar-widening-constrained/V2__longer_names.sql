SET lock_timeout = '5s';

-- PostgreSQL re-creates the unique constraint and the foreign key under new oids, reusing the index, without a scan;
-- it locks the referencing table too
ALTER TABLE namespaces ALTER COLUMN name TYPE varchar(1024);
