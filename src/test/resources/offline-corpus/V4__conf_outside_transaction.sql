CREATE TABLE conf_outside (id INT);
SET search_path = pg_catalog, public;
CREATE TABLE public.after_search_path_change (id INT);
