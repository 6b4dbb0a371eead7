CREATE TYPE user_status AS ENUM ('active', 'blocked');
CREATE TABLE users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    status user_status NOT NULL DEFAULT 'active'
);
