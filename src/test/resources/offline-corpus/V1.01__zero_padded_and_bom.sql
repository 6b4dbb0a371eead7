CREATE TABLE bom_file (id INT); -- this file starts with a byte order mark
