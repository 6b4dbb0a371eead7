CREATE OR REPLACE VIEW ${tenant}_accounts AS
SELECT id, shout(name) AS name, '${flyway:filename}' AS script, '${flyway:table}' AS history,
       '${flyway:defaultSchema}' AS schema_name
FROM accounts;
