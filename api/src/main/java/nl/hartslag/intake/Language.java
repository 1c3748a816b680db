package nl.hartslag.intake;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which language a text is in, Dutch or English, for the reply. Residents write short, informal
 * texts, so this counts common function words of each language; Dutch wins ties (Dutch first).
 */
public final class Language {

    private static final Set<String> ENGLISH = Set.copyOf(List.of("the", "is", "are", "there", "my", "our", "and", "of", "a",
            "an", "in", "on", "at", "it", "its", "this", "that", "with", "from", "please", "again", "every", "night",
            "street", "loud", "noise", "rubbish", "trash", "broken", "neighbour", "neighbor", "neighbours",
            "neighbors", "next", "door", "people", "someone", "since", "they", "has", "have", "been", "been", "what",
            "where", "help", "can", "you", "not", "no", "for", "lot", "lots", "outside", "house", "near", "dumped",
            "playing", "music", "cars", "car", "dog", "dogs", "kids", "children", "hi", "hello", "thanks", "i", "im",
            "i'm", "we", "was", "were", "all", "day", "light", "lights", "dark", "park"));
    private static final Set<String> DUTCH = Set.copyOf(List.of("de", "het", "een", "er", "en", "van", "ik", "mijn", "niet",
            "op", "bij", "is", "zijn", "wordt", "weer", "al", "nog", "met", "voor", "aan", "in", "te", "dat", "die",
            "deze", "hier", "daar", "straat", "geluid", "herrie", "afval", "buren", "buurman", "buurvrouw", "elke",
            "avond", "nacht", "dag", "ligt", "staat", "staan", "liggen", "veel", "heel", "erg", "kapot", "muziek",
            "hallo", "hoi", "dank", "bedankt", "wij", "we", "ze", "zij", "hij", "hebben", "heeft", "gaat", "komt",
            "ook", "maar", "wel", "geen", "sinds", "overlast", "vuil", "auto", "autos", "hond", "kinderen",
            "jongeren", "lamp", "donker", "wat", "waar", "help", "graag", "alstublieft", "aub"));

    private Language() {
    }

    /** "nl" or "en". */
    public static String of(String text) {
        if (text == null) {
            return "nl";
        }
        int english = 0;
        int dutch = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
            if (ENGLISH.contains(word)) {
                english++;
            }
            if (DUTCH.contains(word)) {
                dutch++;
            }
        }
        return english > dutch ? "en" : "nl";
    }
}
