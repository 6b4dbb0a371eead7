CREATE OR REPLACE VIEW customer_summary AS
    SELECT count(*) AS customers, count(email) AS with_email FROM customer;
