package nl.hartslag.web;

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
}
