CREATE TABLE made_by_hand (id INT PRIMARY KEY, note TEXT);
