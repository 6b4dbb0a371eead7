SET lock_timeout = '5s';

ALTER TABLE orders ADD COLUMN remark text;
ALTER TABLE customers ADD COLUMN email text;
