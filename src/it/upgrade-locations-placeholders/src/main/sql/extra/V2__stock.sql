CREATE TABLE ${region}_stock (id BIGINT PRIMARY KEY);
