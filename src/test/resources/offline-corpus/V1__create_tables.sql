-- A leading comment; Flyway keeps comments with the statement they precede.
/* A block comment
   over two lines; with a semicolon */
CREATE TYPE mood AS ENUM ('sad', 'ok');

CREATE TABLE accounts (
    id      BIGINT PRIMARY KEY,  -- the key; a comment with a ; inside
    name    TEXT NOT NULL,
    mood    mood
);

CREATE FUNCTION shout(value TEXT) RETURNS TEXT LANGUAGE plpgsql AS $body$
BEGIN
    -- a semicolon; inside a dollar-quoted body
    RETURN upper(value) || '!';
END
$body$;

DO $$
BEGIN
    IF shout('x') <> 'X!' THEN
        RAISE EXCEPTION 'shout is broken';
    END IF;
    EXECUTE 'CREATE TABLE made_in_do (id INT)';
END
$$;

-- the role and search path Flyway runs a migration with, turned into schema that the dump compares
DO $$
BEGIN
    EXECUTE format('CREATE TABLE %I (id INT)', 'probe_' || current_setting('search_path'));
END
$$; -- a trailing comment
