-- drops the column by a wrong name

ALTER TABLE customers DROP COLUMN e_mail;
