package nl.hartslag.web;

import java.util.List;

/** Small rules every request reader applies the same way. */
public final class Input {

    private Input() {
    }

    /** The value without surrounding white space; null when nothing is left (a blank field counts as absent). */
    public static String trimmed(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /**
     * The language a resident asked for (messages about their report use it): nl or en, Dutch when
     * absent; anything else adds a violation of {@code field} and answers Dutch.
     */
    public static String language(String value, String field, List<Violation> violations) {
        String language = trimmed(value);
        if (language == null) {
            return "nl";
        }
        if (!language.equals("nl") && !language.equals("en")) {
            violations.add(Violation.of(field, "validation.language"));
            return "nl";
        }
        return language;
    }

    /** Whether PostgreSQL can store {@code s} as text as it is: no NUL, no lone UTF-16 surrogate. */
    public static boolean storable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code s} with every character XML 1.0 cannot carry, and every other control character except
     * tab, newline and carriage return, replaced by a space: what a phone sends (a text, a caller's
     * words) before we store it, and any text before it goes into TwiML, which must stay valid XML.
     */
    public static String xmlSafe(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            boolean bad = !pair && (Character.isSurrogate(c) || c == '\ufffe' || c == '\uffff'
                    || (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r'));
            if (bad && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(bad ? ' ' : c);
                if (pair) {
                    out.append(s.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? s : out.toString();
    }
}
