CREATE OR REPLACE VIEW ${tenant}_users AS SELECT id, email FROM users;
