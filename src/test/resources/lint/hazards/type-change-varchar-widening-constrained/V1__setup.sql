CREATE TABLE namespaces (id bigint PRIMARY KEY, name varchar(64) NOT NULL UNIQUE);
CREATE TABLE sources (id bigint PRIMARY KEY, namespace_name varchar(64) NOT NULL REFERENCES namespaces (name));
INSERT INTO namespaces VALUES (1, 'default'), (2, 'analytics');
INSERT INTO sources VALUES (1, 'default'), (2, 'analytics');
