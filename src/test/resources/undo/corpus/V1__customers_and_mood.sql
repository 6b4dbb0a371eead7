CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE customer (
    id serial PRIMARY KEY,
    name text NOT NULL,
    mood mood
);
