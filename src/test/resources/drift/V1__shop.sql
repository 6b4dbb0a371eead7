-- A small shop with one object of each kind drift compares.
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

CREATE DOMAIN positive_amount AS numeric(12, 2) DEFAULT 0 NOT NULL CONSTRAINT positive CHECK (VALUE >= 0);

CREATE SEQUENCE invoice_numbers AS integer START WITH 1000 INCREMENT BY 1 CACHE 1;

CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email citext NOT NULL UNIQUE,
    name text NOT NULL,
    mood mood DEFAULT 'ok',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    id serial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    invoice integer NOT NULL DEFAULT nextval('invoice_numbers'),
    total positive_amount,
    quantity integer NOT NULL DEFAULT 1 CONSTRAINT quantity_positive CHECK (quantity > 0),
    note text,
    updated_at timestamptz
);

CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX orders_open ON orders (customer_id, id) WHERE note IS NULL;
