CREATE TABLE duplicate_version (id int);
