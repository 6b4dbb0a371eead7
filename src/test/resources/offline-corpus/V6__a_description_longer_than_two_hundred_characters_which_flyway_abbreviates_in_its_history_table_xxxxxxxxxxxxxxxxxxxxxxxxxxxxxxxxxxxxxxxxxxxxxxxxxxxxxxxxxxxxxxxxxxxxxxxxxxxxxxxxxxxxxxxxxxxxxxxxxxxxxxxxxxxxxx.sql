CREATE TABLE long_description (id INT);
