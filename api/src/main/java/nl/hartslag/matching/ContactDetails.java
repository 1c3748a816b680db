package nl.hartslag.matching;

import java.util.regex.Pattern;

/**
 * Takes phone numbers and e-mail addresses out of a report's text before the engine reads or
 * indexes it (issue 15: the index holds no contact details). Residents write "bel me op 06-1234
 * 5678" in the description; the number tells nothing about the problem and must not end up in the
 * index files. House numbers, dates, times, postcodes, references and short service numbers
 * (0800-2000) stay: they are what matching reads.
 */
public final class ContactDetails {

    /** Separators residents put between digits: a space, dot, dash, slash or brackets, at most two. */
    private static final String GAP = "[ .\\-/()]{0,2}";

    /**
     * A Dutch number: 0 and nine more digits (mobile 06, area codes 010…0599, 085/088/097), with
     * any grouping; or an international one, + or 00 and a country code, 8 to 14 digits in all. Not
     * part of a longer run of digits (a date with a time: 03-12-2026 14.30) or of a word.
     */
    private static final Pattern PHONE = Pattern.compile("(?U)(?<![\\w+])(?:\\(?0" + GAP + "\\d(?:" + GAP + "\\d){8}"
            + "|(?:\\+|00)" + GAP + "[1-9](?:" + GAP + "\\d){7,13})(?!\\w|[ .\\-/]\\d)");

    private static final Pattern EMAIL = Pattern.compile("(?U)[\\w.%+\\-]+@(?:[\\w\\-]+\\.)+\\p{L}{2,}");

    private ContactDetails() {
    }

    /**
     * {@code text} with every phone number and e-mail address replaced by a placeholder a reader
     * understands ({@code [telefoonnummer]}, {@code [e-mailadres]}): the text the report keeps in the
     * clear (issue 15; the original is kept sealed for coordinators). Null stays null.
     */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text.indexOf('@') >= 0 ? EMAIL.matcher(text).replaceAll("[e-mailadres]") : text;
        return PHONE.matcher(out).replaceAll("[telefoonnummer]");
    }

    /** {@code text} with every phone number and e-mail address replaced by a space; null stays null. */
    static String strip(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text.indexOf('@') >= 0 ? EMAIL.matcher(text).replaceAll(" ") : text;
        return PHONE.matcher(out).replaceAll(" ");
    }
}
