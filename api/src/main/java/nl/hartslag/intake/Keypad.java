package nl.hartslag.intake;

import java.util.Locale;
import java.util.Map;

/**
 * A report reference as a caller gives it: typed on the keypad (letters by the key they are on, so
 * HS-7KQ2-M9 is 7 5 7 2 6 9) or spoken ("zeven ka ku twee em negen"). Both become keypad digits,
 * compared with the digits of the caller's own references.
 */
final class Keypad {

    private static final String[] KEYS = { "", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ" };
    private static final Map<String, String> SPOKEN = Map.ofEntries(
            Map.entry("nul", "0"), Map.entry("een", "1"), Map.entry("één", "1"), Map.entry("twee", "2"),
            Map.entry("drie", "3"), Map.entry("vier", "4"), Map.entry("vijf", "5"), Map.entry("zes", "6"),
            Map.entry("zeven", "7"), Map.entry("acht", "8"), Map.entry("negen", "9"),
            Map.entry("zero", "0"), Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"),
            // Dutch names of letters, as a recogniser writes them down
            Map.entry("ha", "H"), Map.entry("es", "S"), Map.entry("be", "B"), Map.entry("ce", "C"),
            Map.entry("se", "C"), Map.entry("de", "D"), Map.entry("ef", "F"), Map.entry("ge", "G"),
            Map.entry("jee", "J"), Map.entry("je", "J"), Map.entry("ka", "K"), Map.entry("em", "M"),
            Map.entry("en", "N"), Map.entry("pe", "P"), Map.entry("ku", "Q"), Map.entry("kuu", "Q"),
            Map.entry("er", "R"), Map.entry("te", "T"), Map.entry("ve", "V"), Map.entry("we", "W"),
            Map.entry("iks", "X"), Map.entry("ypsilon", "Y"), Map.entry("zet", "Z"));

    private Keypad() {
    }

    /** The keypad digits of a reference's six characters after "HS-". */
    static String digitsOf(String reference) {
        String body = reference.toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z]", "");
        if (body.startsWith("HS") && body.length() == 8) {
            body = body.substring(2);
        }
        StringBuilder digits = new StringBuilder();
        for (char c : body.toCharArray()) {
            digits.append(digit(c));
        }
        return digits.toString();
    }

    /** What the caller typed or said, as keypad digits (without the "HS" they may have included). */
    static String digitsOfInput(String keys, String speech) {
        if (keys != null && !keys.isBlank()) {
            String typed = keys.replaceAll("[^0-9]", "");
            return typed.length() == 8 && typed.startsWith("47") ? typed.substring(2) : typed;
        }
        if (speech == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String word : speech.toLowerCase(Locale.ROOT).split("[^\\p{L}0-9]+")) {
            String spoken = SPOKEN.get(word);
            out.append(spoken != null ? spoken : word.toUpperCase(Locale.ROOT));
        }
        return digitsOf(out.toString());
    }

    private static char digit(char c) {
        if (Character.isDigit(c)) {
            return c;
        }
        for (int key = 2; key < KEYS.length; key++) {
            if (KEYS[key].indexOf(c) >= 0) {
                return (char) ('0' + key);
            }
        }
        return '?';
    }
}
