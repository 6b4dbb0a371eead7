SET lock_timeout = '5s';

ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';
