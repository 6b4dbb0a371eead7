DO $$
BEGIN
    EXECUTE format('CREATE TABLE public.%I (id INT)', 'probe_' || current_setting('search_path'));
END
$$;
