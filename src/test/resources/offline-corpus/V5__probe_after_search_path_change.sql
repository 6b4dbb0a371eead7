DO $$
BEGIN
    EXECUTE format('CREATE TABLE public.%I (id INT)', 'probe_after_' || current_setting('search_path'));
END
$$;
