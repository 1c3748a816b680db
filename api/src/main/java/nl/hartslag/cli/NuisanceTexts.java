package nl.hartslag.cli;

import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * What residents say, by kind of problem and by channel: web forms in full sentences, SMS in
 * lower case without accents and with typos, phone calls as a speech recogniser's transcript
 * (numbers in words, compounds split), outreach workers' notes. Templates and vocabulary only;
 * {@link SyntheticReports} decides who says what, where and when.
 */
final class NuisanceTexts {

    /** A kind of problem: the category it should be filed under and the words people use for it. */
    enum Kind {
        NOISE("noise", 18, false,
                new String[] { "harde muziek", "keiharde muziek met veel bas", "herrie", "lawaai van een feest",
                        "geluidsoverlast", "geschreeuw en harde muziek", "een feest dat maar doorgaat",
                        "dreunende bas", "geboor en getimmer", "lawaai van een slijptol en een compressor" },
                new String[] { "weer herrie", "muziek keihard", "weer feest", "lawaai!!", "bas dreunt weer",
                        "herrie tot laat", "geluidsoverlast weer" },
                new String[] { "Mijn kinderen kunnen niet slapen.", "Het gaat door tot {late}.",
                        "De bas dreunt door tot in mijn slaapkamer.", "Ik heb aangebeld maar er wordt niet opengedaan.",
                        "Dit is al de {ordinal} keer deze maand.", "Ik moet vroeg op voor mijn werk." }),
        DRUGS("drugs", 6, true,
                new String[] { "drugshandel", "dealen", "handel in drugs", "verdachte auto's die steeds kort stoppen",
                        "jongens die iets door het autoraampje aangeven", "mannen zonder kinderen bij de schommels",
                        "een auto met draaiende motor en steeds andere mensen die instappen" },
                new String[] { "weer handel", "dealers", "die auto staat er weer", "dit is toch gwn handel",
                        "weer dealen", "verdachte auto lichten uit" },
                new String[] { "Vooral tussen 20:00 en 23:00.", "Ik vind zakjes en peuken in de zandbak.",
                        "Ik voel me hier niet meer veilig.", "Auto met buitenlands kenteken, lichten uit.",
                        "Iemand loopt naar het raampje en een minuut later rijden ze weer weg." }),
        DUMPING("dumping", 12, false,
                new String[] { "grofvuil dat gedumpt is", "een matras en een bank op de stoep",
                        "vuilniszakken naast de container", "een hele inboedel op straat", "gedumpt snoeiafval",
                        "gestort bouwafval", "een oude koelkast op de stoep" },
                new String[] { "grofvuil", "zakken naast container", "weer troep gedumpt", "matras op stoep",
                        "container vol, zakken overal", "inboedel op straat" },
                new String[] { "Het ligt er al {days} dagen.", "Er zitten al ratten in.", "Wanneer wordt dit opgehaald?",
                        "Er komt steeds meer bij.", "Kinderen spelen ermee." }),
        LITTER("litter", 10, false,
                new String[] { "zwerfafval", "veel rommel en blikjes", "glas op het fietspad",
                        "chipszakken en flesjes in de berm", "een overvolle prullenbak", "peuken en lege blikjes" },
                new String[] { "rommel overal", "glas op fietspad", "prullenbak vol", "zwerfvuil", "blikjes en flesjes" },
                new String[] { "Ziet er niet uit.", "Graag opruimen.", "Het waait de tuinen in.",
                        "De meeuwen trekken alles open." }),
        TRAFFIC("traffic", 10, false,
                new String[] { "auto's die veel te hard rijden", "auto's die op de stoep parkeren",
                        "scheurende scooters", "foutparkeerders voor mijn inrit",
                        "een auto zonder kenteken die al weken stilstaat", "een verkeersonveilige situatie" },
                new String[] { "weer scheuren", "idioot met 100 over de weg", "auto op de stoep",
                        "inrit weer geblokkeerd", "scooters racen" },
                new String[] { "Er lopen hier veel kinderen.", "Graag drempels of controle.",
                        "Het is een 30 km-zone.", "Ik kan mijn oprit niet af.", "Het gaat een keer mis." }),
        YOUTH("youth_nuisance", 9, true,
                new String[] { "hangjongeren", "een groep jongeren met scooters", "jongeren met lachgas",
                        "jeugd die schreeuwt en rommel achterlaat", "een groep jongens die voorbijgangers uitscheldt" },
                new String[] { "hangjeugd weer", "lachgas patronen overal", "groep jongeren met scooters",
                        "jongeren schelden mensen uit" },
                new String[] { "Ze spugen en laten rommel achter.", "Mensen durven er niet langs.",
                        "Elke avond tot na middernacht.", "Overal lachgaspatronen." }),
        DISPUTE("neighbour_dispute", 8, false,
                new String[] { "ruzie met de buren over de schutting", "buren die containers in mijn tuin zetten",
                        "een buurman die mij steeds uitscheldt", "een conflict met de buren over geluid",
                        "buren die boze briefjes schrijven" },
                new String[] { "buren weer boos", "weer gedoe met de buren", "buurman scheldt weer" },
                new String[] { "Ik wil graag bemiddeling.", "Praten helpt niet meer.",
                        "Het loopt steeds verder uit de hand.", "Ik wil dit graag oplossen." }),
        VANDALISM("vandalism", 7, false,
                new String[] { "graffiti", "een vernield bushokje", "een bekladde muur", "een ingegooide ruit",
                        "lekgestoken banden", "een kapotte bank" },
                new String[] { "graffiti weer", "alles beklad", "ruit ingegooid", "bankje kapot" },
                new String[] { "Lelijke woorden.", "Wanneer wordt dat weggehaald?", "Dit is al de tweede keer.",
                        "Er ligt overal glas." }),
        ANIMAL("animal", 7, false,
                new String[] { "een hond die de hele dag blaft", "hondenpoep op de stoep", "een dode kat op de stoep",
                        "ratten bij de containers", "duiven die gevoerd worden" },
                new String[] { "hond blaft weer", "poep overal", "ratten!!", "dode kat op stoep" },
                new String[] { "Het is zo zielig voor de kinderen.", "Kan dit weggehaald worden?",
                        "Al de hele dag.", "Ik zie ze elke avond." }),
        LIGHTING("public_lighting", 6, false,
                new String[] { "een kapotte lantaarnpaal", "straatverlichting die het niet doet",
                        "een lamp die steeds knippert", "verlichting die uit is" },
                new String[] { "lantaarnpaal kapot", "lamp knippert", "aardedonker hier", "licht doet het niet" },
                new String[] { "Het is 's avonds aardedonker.", "Ik voel me niet veilig als ik thuiskom.",
                        "Al sinds vorige week.", "Graag repareren." }),
        OTHER("other", 7, false,
                new String[] { "losse stoeptegels", "een gat in de weg", "een verstopte put", "een omgewaaide boom",
                        "een kapot speeltoestel" },
                new String[] { "stoeptegels los", "gat in de weg", "put verstopt", "boom omgewaaid" },
                new String[] { "Mijn moeder is er gisteren over gestruikeld.", "Er staat water tot op de stoep.",
                        "Graag snel herstellen.", "Gevaarlijk voor fietsers." });

        final String category;
        final int weight;
        final boolean prefersNamedPlace;
        final String[] what;
        final String[] sms;
        final String[] details;

        Kind(String category, int weight, boolean prefersNamedPlace, String[] what, String[] sms, String[] details) {
            this.category = category;
            this.weight = weight;
            this.prefersNamedPlace = prefersNamedPlace;
            this.what = what;
            this.sms = sms;
            this.details = details;
        }
    }

    /** Where the problem is, as residents put it. */
    record Where(String street, int number, String placeName) {
        boolean isNamedPlace() {
            return placeName != null;
        }
    }

    private static final Pattern PUNCTUATION = Pattern.compile("[.,!?:]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final String[] WEB_OPENERS = { "", "", "Ik wil melden: ", "Graag aandacht voor ", "Alweer ",
            "Al een paar dagen last van ", "Melding van " };
    private static final String[] TIMES = { "vannacht", "vanavond", "sinds vorige week", "al drie weekenden",
            "vanochtend", "gisteravond", "elke avond", "sinds gisteren" };
    private static final String[] LATE = { "3 uur 's nachts", "half 2", "na middernacht", "4 uur" };
    private static final String[] ORDINALS = { "derde", "vierde", "vijfde" };
    private static final String[] GREETINGS = { "ja goedemorgen", "ja hallo", "goedemiddag", "ja goedenavond", "hallo" };
    private static final String[] PARTNERS = { "wijkagent", "beheer openbare ruimte", "buurtbemiddeling", "handhaving" };

    private NuisanceTexts() {
    }

    static String web(Kind kind, Where where, SplittableRandom random) {
        StringBuilder text = new StringBuilder(160);
        String what = pick(kind.what, random);
        String opener = pick(WEB_OPENERS, random);
        text.append(opener.isEmpty() ? capitalise(what) : opener + what);
        text.append(' ').append(webWhere(where, random));
        if (random.nextInt(2) == 0) {
            text.append(", ").append(pick(TIMES, random));
        }
        text.append(". ").append(detail(kind, random));
        if (random.nextInt(3) == 0) {
            text.append(' ').append(detail(kind, random));
        }
        return text.toString();
    }

    static String sms(Kind kind, Where where, SplittableRandom random) {
        String place = smsWhere(where, random);
        String what = pick(kind.sms, random);
        String text = random.nextBoolean() ? what + " " + place : place + " " + what;
        if (random.nextInt(3) == 0) {
            text += random.nextBoolean() ? "!!" : ". kan iemand langs?";
        }
        return fold(text.toLowerCase(Locale.ROOT));
    }

    static String phone(Kind kind, Where where, SplittableRandom random) {
        String text = pick(GREETINGS, random) + " ik bel over " + pick(kind.what, random) + " " + spokenWhere(where, random)
                + " " + detail(kind, random);
        text = PUNCTUATION.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
        return SPACES.matcher(text).replaceAll(" ").trim();
    }

    static String outreach(Kind kind, Where where, String visitedStreet, SplittableRandom random) {
        return "Huisbezoek " + visitedStreet + ". Bewoner meldt " + pick(kind.what, random) + " " + webWhere(where, random)
                + ". " + detail(kind, random) + " Doorgezet naar " + pick(PARTNERS, random) + ".";
    }

    /** How a resident types an address in the form: "Laurierst. 35", "Hoofdstraat82", "..., Heerlen". */
    static String typedAddress(String street, int number, SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0 -> abbreviate(street) + " " + number;
            case 1 -> street + number;
            case 2 -> street + " " + number + ", Heerlen";
            case 3 -> street + " " + number + "a";
            case 4 -> street.toLowerCase(Locale.ROOT) + " " + number;
            default -> street + " " + number;
        };
    }

    private static String webWhere(Where where, SplittableRandom random) {
        if (where.isNamedPlace()) {
            return random.nextInt(3) == 0 ? "bij " + commonName(where.placeName()) : "bij " + where.placeName();
        }
        return switch (random.nextInt(4)) {
            case 0 -> "bij " + where.street() + " " + where.number();
            case 1 -> "ter hoogte van " + where.street() + " " + where.number();
            case 2 -> "in de " + where.street() + " bij nummer " + where.number();
            default -> "voor " + where.street() + " " + where.number();
        };
    }

    private static String smsWhere(Where where, SplittableRandom random) {
        if (where.isNamedPlace()) {
            String name = random.nextBoolean() ? where.placeName() : commonName(where.placeName());
            return "bij " + typo(name, random);
        }
        String street = random.nextInt(3) == 0 ? abbreviate(where.street()) : where.street();
        return typo(street, random) + " " + where.number();
    }

    private static String spokenWhere(Where where, SplittableRandom random) {
        if (where.isNamedPlace()) {
            return "bij " + (random.nextBoolean() ? splitCompound(where.placeName()) : commonName(where.placeName()));
        }
        return "in de " + splitCompound(where.street()) + " bij nummer " + DutchNumbers.words(where.number());
    }

    private static String detail(Kind kind, SplittableRandom random) {
        String detail = pick(kind.details, random);
        if (detail.indexOf('{') < 0) {
            return detail;
        }
        return detail.replace("{late}", pick(LATE, random))
                .replace("{ordinal}", pick(ORDINALS, random))
                .replace("{days}", Integer.toString(2 + random.nextInt(12)));
    }

    /** What people call a named place without its name: "Speeltuin Jasmijnhof" → "de speeltuin". */
    static String commonName(String placeName) {
        String name = placeName.toLowerCase(Locale.ROOT);
        if (name.contains("speeltuin")) {
            return "de speeltuin";
        } else if (name.contains("bushalte")) {
            return "de bushalte";
        } else if (name.contains("plein")) {
            return "het plein";
        } else if (name.contains("park")) {
            return "het park";
        } else if (name.contains("school") || name.contains("kindcentrum")) {
            return "de school";
        } else if (name.contains("winkel")) {
            return "de winkels";
        }
        return placeName;
    }

    private static String abbreviate(String street) {
        if (street.endsWith("straat")) {
            return street.substring(0, street.length() - "straat".length()) + (street.hashCode() % 2 == 0 ? "str" : "str.");
        }
        if (street.endsWith("weg")) {
            return street.substring(0, street.length() - "weg".length()) + "wg";
        }
        return street;
    }

    /** "Hazelaarstraat" → "hazelaar straat", as a speech recogniser hears it. */
    private static String splitCompound(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String tail : new String[] { "straat", "weg", "plein", "park", "halte" }) {
            if (lower.endsWith(tail) && lower.length() > tail.length() + 2) {
                return lower.substring(0, lower.length() - tail.length()) + " " + tail;
            }
        }
        return lower;
    }

    /** One typo in one name of five: a letter dropped, doubled or two swapped ("pasartweg"). */
    private static String typo(String word, SplittableRandom random) {
        if (word.length() < 6 || random.nextInt(5) != 0) {
            return word;
        }
        int at = 1 + random.nextInt(word.length() - 3);
        return switch (random.nextInt(3)) {
            case 0 -> word.substring(0, at) + word.substring(at + 1);
            case 1 -> word.substring(0, at) + word.charAt(at) + word.substring(at);
            default -> word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
        };
    }

    private static String fold(String text) {
        if (text.chars().allMatch(c -> c < 128)) {
            return text;
        }
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static <T> T pick(T[] options, SplittableRandom random) {
        return options[random.nextInt(options.length)];
    }

    /** Dutch numbers in words, as a speech recogniser writes them: 14 → "veertien", 23 → "drieëntwintig". */
    static final class DutchNumbers {

        private static final String[] UNITS = { "nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht",
                "negen", "tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien",
                "achttien", "negentien" };
        private static final String[] TENS = { "", "", "twintig", "dertig", "veertig", "vijftig", "zestig",
                "zeventig", "tachtig", "negentig" };

        private DutchNumbers() {
        }

        static String words(int n) {
            if (n < 0 || n >= 10_000) {
                return Integer.toString(n);
            }
            if (n >= 1000) {
                int rest = n % 1000;
                String head = n / 1000 == 1 ? "duizend" : words(n / 1000) + "duizend";
                return rest == 0 ? head : head + words(rest);
            }
            if (n >= 100) {
                int rest = n % 100;
                String head = n / 100 == 1 ? "honderd" : UNITS[n / 100] + "honderd";
                return rest == 0 ? head : head + words(rest);
            }
            if (n < 20) {
                return UNITS[n];
            }
            int unit = n % 10;
            if (unit == 0) {
                return TENS[n / 10];
            }
            String u = UNITS[unit];
            return u + (u.endsWith("e") ? "ën" : "en") + TENS[n / 10];
        }
    }
}
