CREATE TABLE ${tenant}_orders (id BIGINT PRIMARY KEY);
