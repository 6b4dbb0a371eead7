SET lock_timeout = '3s';
ALTER TABLE orders ADD COLUMN remark text;
