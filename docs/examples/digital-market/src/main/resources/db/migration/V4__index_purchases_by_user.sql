-- Built without blocking writes; Flyway runs this migration outside a transaction.
CREATE INDEX CONCURRENTLY purchases_user_purchased_at_idx ON purchases (user_id, purchased_at DESC);
