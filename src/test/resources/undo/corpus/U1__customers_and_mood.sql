DROP TABLE customer;
DROP TYPE mood;
