-- forgets the column
DROP INDEX customers_name;
