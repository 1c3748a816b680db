package nl.hartslag.notification;

import java.text.Normalizer;

/**
 * The GSM 03.38 alphabet: one SMS segment holds 160 of its septets; a single character outside it
 * switches the whole text to UCS-2 and 70 characters per segment. Texts are folded into it first
 * (curly quotes to straight ones, ë to e, … to ...), so a staff note typed on a phone cannot
 * silently double the number of texts.
 */
final class Gsm7 {

    static final int SEGMENT = 160;

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Characters of the extension table: an escape plus the character, two septets each. */
    private static final String EXTENSION = "^{}\\[~]|€\f";

    private Gsm7() {
    }

    static boolean encodable(String text) {
        return text.codePoints().allMatch(c -> BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0);
    }

    /** Length in septets; only meaningful for {@link #encodable} text. */
    static int septets(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
        }
        return n;
    }

    /** The longest start of {@code text} of at most {@code septets} septets. */
    static String cut(String text, int septets) {
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            used += EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
            if (used > septets) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0) {
                out.appendCodePoint(c);
                return;
            }
            switch (c) {
                case '‘', '’', '‚', '′', '`', '´' -> out.append('\'');
                case '“', '”', '„', '″' -> out.append('"');
                case '–', '—', '‐', '‑', '−' -> out.append('-');
                case '…' -> out.append("...");
                case '\t', '\u00a0', '\u2009', '\u202f' -> out.append(' ');
                case '•', '·' -> out.append('-');
                default -> {
                    String stripped = Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFD)
                            .replaceAll("\\p{M}", "");
                    if (!stripped.isEmpty() && encodable(stripped)) {
                        out.append(stripped);
                    } else if (Character.isLetterOrDigit(c)) {
                        out.append('?');
                    }
                    // Emoji and other symbols are dropped rather than shown as '?'.
                }
            }
        });
        return out.toString();
    }
}
