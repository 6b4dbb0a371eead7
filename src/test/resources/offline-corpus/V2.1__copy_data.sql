CREATE TABLE cities (id INT PRIMARY KEY, name TEXT, note TEXT);

COPY cities (id, name, note) FROM stdin;
1	Zürich	\N
2	São Paulo	tab\there
3	back\\slash	semi;colon
\.

ALTER TYPE mood ADD VALUE 'happy';
