DROP INDEX CONCURRENTLY customer_name_idx;
