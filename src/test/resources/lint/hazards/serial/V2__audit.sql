CREATE TABLE audit (id serial PRIMARY KEY, what text);
CREATE TABLE audit_big (id bigserial PRIMARY KEY);
