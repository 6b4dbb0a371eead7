CREATE TABLE crlf_file (
    id INT,
    note TEXT DEFAULT $$two
lines$$
);
