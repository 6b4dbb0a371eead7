package dev.migrate.drift;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a view definition read the same from PostgreSQL 15 and from 17. For a query that reads one relation, 17's
 * {@code pg_get_viewdef} prints bare columns ({@code SELECT customer_id FROM public.orders}) and 15's qualifies them
 * ({@code SELECT orders.customer_id}): 16 removed the unused OLD and NEW entries from stored view queries, so the
 * deparser now sees one relation where it saw three. DriftAcrossVersionsTest found this on Marquez, the offline corpus
 * and the shop corpus. The qualifier is dropped from a definition with exactly one FROM, no JOIN and no second
 * relation, on both sides alike, so a definition that 16 or later printed is left as it is.
 */
final class ViewDefinitions {

    private static final Pattern FROM = Pattern.compile("\\bFROM\\b");
    private static final Pattern SINGLE_RELATION =
            Pattern.compile("(?m)^\\s*FROM ([\\w\"$]+(?:\\.[\\w\"$]+)?)(?: ([\\w\"$]+))?;?$");

    private ViewDefinitions() {}

    static String normalized(String definition) {
        if (definition == null || definition.contains(" JOIN ") || countFrom(definition) != 1) {
            return definition;
        }
        Matcher from = SINGLE_RELATION.matcher(definition);
        if (!from.find()) {
            return definition;
        }
        String relation = from.group(1);
        String qualifier = from.group(2) != null ? from.group(2) : relation.substring(relation.lastIndexOf('.') + 1);
        return definition.replaceAll("(?<![\\w\".$])" + Pattern.quote(qualifier) + "\\.(?=[\\w\"])", "");
    }

    private static int countFrom(String definition) {
        return (int) FROM.matcher(definition).results().count();
    }
}
