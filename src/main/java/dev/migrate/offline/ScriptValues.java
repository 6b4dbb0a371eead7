package dev.migrate.offline;

/**
 * The one way a value from outside the plugin (a file name, a description, a placeholder's value, a configured name,
 * a migration's text) enters the psql script. psql ends a {@code --} comment at a CR as well as at a LF, runs any
 * backslash outside quotes as one of its meta-commands ({@code \!} runs a shell command), and reads a plain
 * {@code '...'} literal with backslash escapes when the server has {@code standard_conforming_strings} off. So:
 * <ul>
 * <li>in comments, every control character (C0, DEL, C1), line or paragraph separator and invisible format character
 * is shown as an escape ({@code \r}, {@code \u2028}), and a backslash as {@code \\}: a comment stays one line, also in
 * an editor;</li>
 * <li>literals are plain {@code '...'} only when the value has none of those characters and no backslash (then
 * both settings of {@code standard_conforming_strings} read them alike), otherwise {@code E'...'} with the same
 * escapes;</li>
 * <li>a migration's own text goes verbatim inside a dollar quote whose tag does not occur in it: psql looks for nothing
 * in a dollar quote but its closing tag.</li>
 * </ul>
 * A NUL character or an unpaired surrogate cannot reach PostgreSQL as text; they are refused.
 */
final class ScriptValues {

    private static final String TAG = "migrate";

    private ScriptValues() {}

    /** A value that cannot be put into the script safely, with the reason. */
    static final class UnrenderableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnrenderableException(String reason) {
            super(reason);
        }
    }

    /** The value as the text of a {@code --} comment: one line, whatever it holds. */
    static String comment(String value) {
        return escaped(value);
    }

    /** The value as a SQL string literal that PostgreSQL reads as exactly {@code value}. */
    static String literal(String value) {
        String escaped = escaped(value);
        String quoted = "'" + escaped.replace("'", "''") + "'";
        return escaped.equals(value) ? quoted : "E" + quoted;
    }

    /**
     * The text in a dollar quote, {@code $migrate$text$migrate$}, with a tag that the text does not contain (nor end
     * with the start of), so that the first closing tag psql and PostgreSQL find is the one written here.
     */
    static String dollarQuoted(String text) {
        refuseNul(text);
        String tag = "$" + TAG + "$";
        for (int attempt = 1; (text + tag).indexOf(tag) != text.length(); attempt++) {
            tag = "$" + TAG + attempt + "$";
        }
        return tag + text + tag;
    }

    /**
     * COPY data as psql reads it after {@code COPY ... FROM stdin}: verbatim up to a line {@code \\.}, which Flyway's
     * parser never leaves in the data (it ends the data at any line that is {@code \\.} once trimmed).
     */
    static String copyData(String data) {
        refuseNul(data);
        return data.isEmpty() || data.endsWith("\n") ? data : data + "\n";
    }

    private static String escaped(String value) {
        refuseNul(value);
        StringBuilder out = new StringBuilder(value.length());
        for (int index = 0; index < value.length(); ) {
            int codePoint = value.codePointAt(index);
            index += Character.charCount(codePoint);
            switch (codePoint) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    refuseUnpairedSurrogate(codePoint);
                    out.append(
                            invisible(codePoint) ? unicodeEscape(codePoint) : new String(Character.toChars(codePoint)));
                }
            }
        }
        return out.toString();
    }

    private static void refuseUnpairedSurrogate(int codePoint) {
        // codePointAt returns a surrogate only when it has no partner
        if (codePoint <= Character.MAX_VALUE && Character.isSurrogate((char) codePoint)) {
            throw new UnrenderableException(String.format(
                    "it holds an unpaired surrogate (U+%04X), which is no" + " character PostgreSQL can store",
                    codePoint));
        }
    }

    private static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static String unicodeEscape(int codePoint) {
        return codePoint <= Character.MAX_VALUE
                ? String.format("\\u%04X", codePoint)
                : String.format("\\U%08X", codePoint);
    }

    private static void refuseNul(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new UnrenderableException(
                    "it holds a NUL character, which PostgreSQL cannot store in text (Flyway" + " fails on it too)");
        }
    }
}
