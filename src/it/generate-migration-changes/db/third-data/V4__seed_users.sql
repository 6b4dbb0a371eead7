-- rows only: nothing the generated classes reflect changes
INSERT INTO users (id, email) VALUES (1, 'ada@example.com'), (2, 'grace@example.com');
