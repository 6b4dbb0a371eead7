-- Every kind of type jOOQ resolves by name (enum, domain, composite type, table as a type, arrays of each), with
-- names that differ in one letter or only in case, so that a lookup that matched the wrong definition shows.
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TYPE "Mood" AS ENUM ('calm');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE DOMAIN positives AS integer[];
CREATE TYPE address AS (street text, city text, tags text[]);
CREATE TYPE addresses AS (home address, others address[]);

CREATE TABLE person (
    id bigint PRIMARY KEY,
    moods mood[],
    calm "Mood",
    home address,
    homes address[],
    age positive,
    ages positives,
    nicknames varchar(20)[]
);
CREATE TABLE "Person" (id bigint PRIMARY KEY, twin person);
CREATE TABLE shipment (
    id bigint PRIMARY KEY,
    sender person NOT NULL,
    receivers person[],
    status mood DEFAULT 'happy',
    route addresses,
    owner_id bigint REFERENCES person (id)
);
CREATE INDEX shipment_status ON shipment (status);
CREATE VIEW happy_shipment AS SELECT id, sender, receivers FROM shipment WHERE status = 'happy';
CREATE MATERIALIZED VIEW shipment_count AS SELECT status, count(*) AS shipments FROM shipment GROUP BY status;
CREATE FUNCTION senders(wanted mood) RETURNS SETOF person LANGUAGE sql AS
    'SELECT (s.sender).* FROM shipment s WHERE s.status = wanted';
CREATE FUNCTION first_home(p person) RETURNS address LANGUAGE sql AS 'SELECT p.home';
