SET lock_timeout = '5s';

ALTER TABLE counters ALTER COLUMN id TYPE bigint;
