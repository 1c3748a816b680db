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
}
