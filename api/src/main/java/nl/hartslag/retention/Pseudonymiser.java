package nl.hartslag.retention;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what identifies people from a free text, keeping what the text is about: e-mail addresses,
 * phone numbers, postcodes, house numbers after a street name and name-like words become placeholders
 * ({@value #EMAIL}, {@value #PHONE}, {@value #POSTCODE}, {@value #NUMBER}, {@value #NAME}). Plain Java,
 * no state beyond the words it must keep; the same text always gives the same result, and a text it
 * already pseudonymised comes back unchanged.
 *
 * <p>Names are found by their shape, as a reader would: a capitalised word in the middle of a sentence
 * (Dutch capitalises little else), the words after a title or relation ("meneer", "mevrouw", "buurman",
 * "familie", "de heer") or after "heet", "genaamd", "mijn naam is", and a signature after "groet". A
 * capitalised word that starts a sentence is taken for a name only when another name-like word follows it
 * ("Piet Jansen gooit…"), since most sentences start with an ordinary word. Street and place names the
 * service knows (the gazetteer) and words ending like a street ("-straat", "-laan", "-plein"…) stay: the
 * place of a report is not personal data. What it cannot see: a name typed in lower case in the middle
 * of an ordinary sentence; over-removal (a brand or an institution taken for a name) is the safer error.
 */
public final class Pseudonymiser {

    public static final String NAME = "[naam]";
    public static final String NUMBER = "[nummer]";
    public static final String PHONE = "[telefoon]";
    public static final String EMAIL = "[e-mail]";
    public static final String POSTCODE = "[postcode]";

    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");
    /** Nine to fifteen digits, maybe after + or 00, with spaces, dashes, dots, slashes or brackets between. */
    private static final Pattern PHONE_NUMBER = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:\\+|\\((?=\\+?\\d{2,5}\\)))?\\+?\\d(?:[ .\\-/()]{0,3}\\d){8,14}(?![\\p{L}\\p{N}])");
    /** A Dutch postcode: 1234 AB (never SA, SD or SS). */
    private static final Pattern POSTCODE_PATTERN = Pattern.compile(
            "(?<![\\p{L}\\p{N}])[1-9]\\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\\p{L}\\p{N}])");
    /** A word, then a house number (12, 12a, 12 A, 12-14, 12/2), then no more letters or digits. */
    private static final Pattern WORD_THEN_NUMBER = Pattern.compile(
            "([\\p{L}][\\p{L}'’.-]*)(\\s+)(\\d{1,5}(?:\\s?[a-zA-Z](?![\\p{L}\\p{N}]))?(?:\\s?[-/]\\s?\\d{1,5}[a-zA-Z]?)?)"
                    + "(?![\\p{L}\\p{N}])");
    private static final Pattern TOKEN = Pattern.compile("\\[[a-z-]+\\]|[\\p{L}][\\p{L}'’-]*|\\S");

    private static final List<String> STREET_ENDINGS = List.of("straat", "laan", "weg", "plein", "gracht", "kade",
            "singel", "dijk", "hof", "pad", "steeg", "dreef", "park", "plantsoen", "ring", "baan", "markt", "wal",
            "veld", "erf", "hoven", "straatje", "boulevard", "allee", "passage", "promenade", "poort", "berg", "dal",
            "gaard", "hoek", "kamp", "akker", "beemd", "donk", "rade", "broek", "hei", "heide", "wei", "weide",
            "steenweg", "kwartier", "galerij", "flat", "toren", "burg", "horst", "rode", "bosch", "bos", "borgh");
    private static final Set<String> NUMBER_WORDS = Set.of("nr", "nr.", "no", "no.", "nummer", "huisnummer",
            "huisnr", "huisnr.");
    /** Titles and relations: the capitalised words (and particles) after them are a name. */
    private static final Set<String> BEFORE_NAME = Set.of("meneer", "mevrouw", "mevr", "mevr.", "mw", "mw.", "dhr",
            "dhr.", "hr", "hr.", "heer", "fam", "fam.", "familie", "buurman", "buurvrouw", "buurjongen",
            "buurmeisje", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mister", "neighbour", "neighbor",
            "juffrouw", "dokter", "zoon", "dochter", "vriend", "vriendin", "oom", "tante", "opa", "oma");
    private static final Set<String> ABBREVIATIONS = Set.of("mevr", "mw", "dhr", "hr", "fam", "mr", "mrs", "ms");
    /** After these the next word is a name, whatever its case ("hij heet ahmed"). */
    private static final Set<String> NAMING = Set.of("heet", "heten", "genaamd", "named", "called");
    private static final Set<String> SIGNATURE = Set.of("groet", "groeten", "mvg", "gr", "gr.", "regards", "groetjes");
    /** Name particles: part of the name between name words ("Jan van der Berg"). */
    private static final Set<String> PARTICLES = Set.of("van", "de", "der", "den", "het", "ter", "ten", "te", "op",
            "in", "'t", "’t", "el", "al", "da", "dos", "du", "le", "la", "von", "bin", "ben", "di", "del", "della",
            "van't", "vd");
    /** Capitalised words that are not names: forms of address, days, months, holidays, common institutions. */
    private static final Set<String> NOT_NAMES = Set.of("ik", "u", "uw", "wij", "zij", "hij", "jij", "je", "we", "ze",
            "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "januari", "februari",
            "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "kerst", "kerstmis",
            "pasen", "pinksteren", "carnaval", "oudjaar", "oud", "nieuw", "koningsdag", "sinterklaas", "ramadan",
            "gemeente", "politie", "brandweer", "wijkagent", "woningcorporatie", "corporatie", "buurtbemiddeling",
            "hartslag", "boa", "wop", "ggd", "ggz", "veiligheidshuis", "nederland", "nederlands", "nederlandse",
            "engels", "engelse", "english", "dutch", "i", "the", "a", "an", "mijn", "my", "our", "ons", "onze",
            "naam", "name");

    private final Set<String> keep;
    private final Set<String> streetWords;

    /**
     * @param knownPlaces street and place names that stay (e.g. from the gazetteer); each of their words
     *        stays when capitalised, and a number after a street's last word is a house number
     */
    public Pseudonymiser(Collection<String> knownPlaces) {
        Set<String> words = new HashSet<>();
        Set<String> lastWords = new HashSet<>();
        for (String place : knownPlaces) {
            String[] parts = place.toLowerCase(Locale.ROOT).split("[^\\p{L}'’]+");
            for (String part : parts) {
                if (!part.isEmpty()) {
                    words.add(part);
                }
            }
            for (int i = parts.length - 1; i >= 0; i--) {
                if (!parts[i].isEmpty()) {
                    lastWords.add(parts[i]);
                    break;
                }
            }
        }
        this.keep = Set.copyOf(words);
        this.streetWords = Set.copyOf(lastWords);
    }

    /** The text without e-mail addresses, phone numbers, postcodes, house numbers and names. */
    public String pseudonymise(String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        String out = EMAIL_ADDRESS.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL));
        out = PHONE_NUMBER.matcher(out).replaceAll(Matcher.quoteReplacement(PHONE));
        out = POSTCODE_PATTERN.matcher(out).replaceAll(Matcher.quoteReplacement(POSTCODE));
        out = houseNumbers(out);
        return names(out);
    }

    private String houseNumbers(String text) {
        Matcher m = WORD_THEN_NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group(1);
            if (streetLike(word) || NUMBER_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                m.appendReplacement(out, Matcher.quoteReplacement(word + m.group(2) + NUMBER));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            }
        }
        m.appendTail(out);
        return out.toString();
    }

    private boolean streetLike(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (streetWords.contains(lower)) {
            return true;
        }
        for (String ending : STREET_ENDINGS) {
            // "Kerkstraat", also "Akerstraat-Noord"'s "straat-noord" is caught by the gazetteer's words.
            if (lower.endsWith(ending) && lower.length() > ending.length() + 1) {
                return true;
            }
        }
        return false;
    }

    private record Token(int start, int end, String text) {
        boolean word() {
            return Character.isLetter(text.charAt(0));
        }

        boolean capitalised() {
            return word() && Character.isUpperCase(text.charAt(0)) && text.length() > 1
                    && !text.equals(text.toUpperCase(Locale.ROOT));
        }

        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    private String names(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(new Token(m.start(), m.end(), m.group()));
        }
        boolean[] name = new boolean[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.word()) {
                continue;
            }
            boolean sentenceStart = sentenceStart(text, tokens, i);
            if (nameLike(t) && !sentenceStart) {
                name[i] = true;
            } else if (nameLike(t) && sentenceStart && followedByName(tokens, i)) {
                name[i] = true;
            }
            String lower = t.lower();
            Token previous = previousWord(tokens, i);
            if (NAMING.contains(lower) || (lower.equals("is") && previous != null && previous.lower().equals("naam"))) {
                int next = skipPunctuation(tokens, i + 1, false);
                if (next < tokens.size() && tokens.get(next).word() && !NOT_NAMES.contains(tokens.get(next).lower())
                        && !List.of("niet", "geen", "not", "ook", "nog").contains(tokens.get(next).lower())) {
                    name[next] = true;
                    markRun(tokens, name, next + 1);
                }
            } else if (BEFORE_NAME.contains(lower) || SIGNATURE.contains(lower)) {
                int next = skipPunctuation(tokens, i + 1, SIGNATURE.contains(lower));
                if (ABBREVIATIONS.contains(lower) && next < tokens.size() && tokens.get(next).text().equals(".")) {
                    next++; // "Mevr. de Bruijn", not "…de buurman. Gisteren…"
                }
                markRun(tokens, name, next);
            }
        }
        return render(text, tokens, name);
    }

    /** From {@code from}: particles and capitalised words, a name when it holds a capitalised word. */
    private void markRun(List<Token> tokens, boolean[] name, int from) {
        int i = from;
        int lastName = -1;
        while (i < tokens.size() && tokens.get(i).word()) {
            Token t = tokens.get(i);
            if (nameLike(t)) {
                lastName = i;
            } else if (!PARTICLES.contains(t.lower())) {
                break;
            }
            i++;
        }
        for (int j = from; j <= lastName; j++) {
            name[j] = true;
        }
    }

    private boolean nameLike(Token t) {
        return t.capitalised() && !BEFORE_NAME.contains(t.lower()) && !NAMING.contains(t.lower())
                && !SIGNATURE.contains(t.lower()) && !NOT_NAMES.contains(t.lower()) && !keep.contains(t.lower()) && !streetLike(t.text());
    }

    private boolean followedByName(List<Token> tokens, int i) {
        int j = i + 1;
        while (j < tokens.size() && tokens.get(j).word() && PARTICLES.contains(tokens.get(j).text())) {
            j++;
        }
        return j < tokens.size() && j > i && tokens.get(j).word() && nameLike(tokens.get(j));
    }

    private static boolean sentenceStart(String text, List<Token> tokens, int i) {
        for (int j = i - 1; j >= 0; j--) {
            Token t = tokens.get(j);
            if (text.substring(t.end(), tokens.get(j + 1).start()).indexOf('\n') >= 0) {
                return true; // a new line starts a new sentence, full stop or not
            }
            if (t.word() || t.text().startsWith("[")) {
                return false;
            }
            if (".!?:;\"“(".contains(t.text()) || t.text().equals("-")) {
                return true;
            }
        }
        return true;
    }

    private static Token previousWord(List<Token> tokens, int i) {
        return i > 0 && tokens.get(i - 1).word() ? tokens.get(i - 1) : null;
    }

    private static int skipPunctuation(List<Token> tokens, int i, boolean commas) {
        while (i < tokens.size() && !tokens.get(i).word() && !tokens.get(i).text().startsWith("[")
                && (commas ? ",:".contains(tokens.get(i).text()) : ":".contains(tokens.get(i).text()))) {
            i++;
        }
        return i;
    }

    /** The text with every run of name tokens (and the particles and spaces between them) as one placeholder. */
    private static String render(String text, List<Token> tokens, boolean[] name) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        int i = 0;
        while (i < tokens.size()) {
            if (!name[i]) {
                i++;
                continue;
            }
            int end = i;
            int j = i + 1;
            while (j < tokens.size() && tokens.get(j).word() && (name[j] || PARTICLES.contains(tokens.get(j).lower()))) {
                if (name[j]) {
                    end = j;
                }
                j++;
            }
            out.append(text, at, tokens.get(i).start()).append(NAME);
            at = tokens.get(end).end();
            i = end + 1;
        }
        out.append(text.substring(at));
        return out.toString();
    }
}
