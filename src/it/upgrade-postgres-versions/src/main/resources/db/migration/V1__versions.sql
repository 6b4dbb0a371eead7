CREATE TABLE versions (id INT);
