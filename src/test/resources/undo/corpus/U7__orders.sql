UPDATE customer SET mood = 'ok' WHERE mood = 'happy';
DROP TABLE orders;
