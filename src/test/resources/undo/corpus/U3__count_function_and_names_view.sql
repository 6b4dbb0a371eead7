DROP VIEW customer_names;
DROP FUNCTION customer_count();
