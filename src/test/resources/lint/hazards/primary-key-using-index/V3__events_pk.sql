SET lock_timeout = '5s';

ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_id;
