-- leaves the row: the schema is as before, but applying V3 again fails on it
DROP INDEX customers_name;
