package nl.hartslag.matching;

import java.util.Map;

/**
 * House numbers as speech recognisers write them: "drieëntwintig", "honderdtien", "drie en
 * twintig". Input is folded to ASCII and lower case first.
 */
final class DutchNumbers {

    private static final Map<String, Integer> UNITS = Map.of("een", 1, "twee", 2, "drie", 3, "vier", 4, "vijf", 5,
            "zes", 6, "zeven", 7, "acht", 8, "negen", 9);
    private static final Map<String, Integer> TEENS = Map.ofEntries(Map.entry("tien", 10), Map.entry("elf", 11),
            Map.entry("twaalf", 12), Map.entry("dertien", 13), Map.entry("veertien", 14), Map.entry("vijftien", 15),
            Map.entry("zestien", 16), Map.entry("zeventien", 17), Map.entry("achttien", 18), Map.entry("negentien", 19));
    private static final Map<String, Integer> TENS = Map.of("twintig", 20, "dertig", 30, "veertig", 40, "vijftig", 50,
            "zestig", 60, "zeventig", 70, "tachtig", 80, "negentig", 90);

    private DutchNumbers() {
    }

    /** The number a word (or words run together) spells, or -1. */
    static int parse(String word) {
        String w = word.toLowerCase(java.util.Locale.ROOT).replace("ë", "e").replace(" ", "");
        if (w.isEmpty()) {
            return -1;
        }
        if (w.chars().allMatch(Character::isDigit)) {
            return w.length() <= 5 ? Integer.parseInt(w) : -1;
        }
        int hundred = w.indexOf("honderd");
        if (hundred >= 0) {
            int multiplier = hundred == 0 ? 1 : UNITS.getOrDefault(w.substring(0, hundred), -1);
            if (multiplier < 0) {
                return -1;
            }
            String rest = w.substring(hundred + "honderd".length());
            if (rest.startsWith("en")) {
                rest = rest.substring(2);
            }
            int tail = rest.isEmpty() ? 0 : belowHundred(rest);
            return tail < 0 ? -1 : multiplier * 100 + tail;
        }
        return belowHundred(w);
    }

    private static int belowHundred(String w) {
        if (UNITS.containsKey(w)) {
            return UNITS.get(w);
        }
        if (TEENS.containsKey(w)) {
            return TEENS.get(w);
        }
        if (TENS.containsKey(w)) {
            return TENS.get(w);
        }
        int en = w.indexOf("en");
        while (en > 0) {
            Integer unit = UNITS.get(w.substring(0, en));
            Integer tens = TENS.get(w.substring(en + 2));
            if (unit != null && tens != null) {
                return tens + unit;
            }
            en = w.indexOf("en", en + 1);
        }
        return -1;
    }
}
