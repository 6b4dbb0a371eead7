SET lock_timeout = '5s';

DROP SCHEMA archive CASCADE;
