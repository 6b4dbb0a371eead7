-- Digital goods: what is sold, and in which form it is delivered.
CREATE TYPE delivery_format AS ENUM ('download', 'license_key', 'streaming');

CREATE TABLE products (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category_id INTEGER         NOT NULL REFERENCES categories (id),
    sku         TEXT            NOT NULL UNIQUE,
    title       TEXT            NOT NULL,
    format      delivery_format NOT NULL,
    price_cents INTEGER         NOT NULL CHECK (price_cents >= 0),
    active      BOOLEAN         NOT NULL DEFAULT TRUE
);

CREATE INDEX products_category_idx ON products (category_id);
