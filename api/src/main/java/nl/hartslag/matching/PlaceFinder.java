package nl.hartslag.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;

/**
 * Finds where a report is about from its words: streets (typo-tolerant through a small Lucene
 * index of the gazetteer, also when a speech recogniser splits them: "beuk straat", "pas hardweg"),
 * house numbers in digits or words ("drieëntwintig"), named places ("speeltuin Jasmijnhof", or just
 * "de speeltuin" when the area has one), and map links.
 */
final class PlaceFinder {

    private static final Pattern MAP_LINK = Pattern.compile("(-?\\d{1,2}\\.\\d{3,})\\s*,\\s*(-?\\d{1,3}\\.\\d{3,})");
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+");
    private static final Pattern HOUSE_NUMBER = Pattern.compile("^(\\d{1,4})[a-z]{0,3}$");
    private static final List<String> STREET_SUFFIXES = List.of("straat", "weg", "laan", "plein", "hof", "singel",
            "pad", "dreef", "kade", "gracht", "steeg", "park");
    private static final Set<String> NUMBER_LEAD = Set.of("nr", "nummer", "no", "huisnummer", "op", "bij", "van", "t");
    /** How far a pin may be from a named place for "de speeltuin" to mean that place (pins are often homes). */
    private static final double NEAR_PIN = 250;
    private static final List<String> TYPE_SUFFIXES = List.of("park", "plein", "halte", "school", "flat", "centrum",
            "tuin", "huis");

    private record Street(String name, String key, List<StreetSegment> segments) {
    }

    private record NamedTarget(NamedPlace place, String key, String root, Set<String> concepts) {
    }

    private final Map<String, Street> streetsByKey = new LinkedHashMap<>();
    private final Map<String, Street> streetsByStem = new HashMap<>();
    private final List<NamedTarget> namedPlaces = new ArrayList<>();
    private final Map<String, List<NamedTarget>> placesByConcept = new HashMap<>();
    private final IndexSearcher streetSearcher;
    private final NuisanceAnalysis analysis;

    PlaceFinder(List<StreetSegment> segments, List<NamedPlace> places, NuisanceAnalysis analysis) {
        this.analysis = analysis;
        for (StreetSegment segment : segments) {
            String key = key(segment.street());
            Street street = streetsByKey.computeIfAbsent(key, k -> new Street(segment.street(), k, new ArrayList<>()));
            street.segments().add(segment);
        }
        Set<String> reserved = new HashSet<>();
        for (NamedPlace place : places) {
            for (String token : words(fold(place.name()))) {
                reserved.add(token);
            }
            reserved.add(key(place.neighbourhood()));
            for (String token : words(fold(place.neighbourhood()))) {
                reserved.add(token);
            }
        }
        for (Street street : streetsByKey.values()) {
            for (String suffix : STREET_SUFFIXES) {
                if (street.key().endsWith(suffix)) {
                    String stem = street.key().substring(0, street.key().length() - suffix.length());
                    if (stem.length() >= 5 && !reserved.contains(stem)) {
                        streetsByStem.putIfAbsent(stem, street);
                    }
                }
            }
        }
        for (NamedPlace place : places) {
            String key = key(place.name());
            Set<String> concepts = new HashSet<>(analysis.concepts(place.name() + " " + typeWords(place.name())).keySet());
            String root = key;
            for (String token : words(fold(place.name()))) {
                if (!analysis.concepts(token).isEmpty()) {
                    root = root.replace(token, "");
                }
            }
            for (String suffix : TYPE_SUFFIXES) {
                if (root.endsWith(suffix) && root.length() > suffix.length() + 3) {
                    root = root.substring(0, root.length() - suffix.length());
                }
            }
            NamedTarget target = new NamedTarget(place, key, root, concepts);
            namedPlaces.add(target);
            for (String concept : concepts) {
                placesByConcept.computeIfAbsent(concept, c -> new ArrayList<>()).add(target);
            }
        }
        this.streetSearcher = streetIndex();
    }

    /** Every piece of place evidence in a report, strongest first. */
    List<Place> find(IncomingReport report, Set<String> concepts) {
        return find(report, concepts, new HashSet<>());
    }

    /** The same, also collecting the words that named a place (they are place, not content). */
    List<Place> find(IncomingReport report, Set<String> concepts, Set<String> placeWords) {
        List<Place> found = new ArrayList<>();
        String text = fold(report.text());
        Matcher link = MAP_LINK.matcher(report.text());
        if (link.find()) {
            found.add(new Place(Place.Source.MAP_LINK, null, -1, null, Double.parseDouble(link.group(1)),
                    Double.parseDouble(link.group(2))));
        }
        List<String> tokens = words(text);
        Set<String> streetWords = new HashSet<>();
        List<Place> streets = streets(tokens, Place.Source.TEXT_ADDRESS, Place.Source.TEXT_STREET, streetWords);
        placeWords.addAll(streetWords);
        List<double[]> anchors = new ArrayList<>();
        if (report.hasCoordinates()) {
            anchors.add(new double[] { report.lat(), report.lon() });
        }
        streets.forEach(p -> anchors.add(new double[] { p.lat(), p.lon() }));
        found.forEach(p -> anchors.add(new double[] { p.lat(), p.lon() }));
        List<Place> typed = report.address() == null || report.address().isBlank() ? List.of()
                : streets(words(fold(report.address())), Place.Source.TYPED_ADDRESS, Place.Source.TYPED_ADDRESS,
                        new HashSet<>());
        typed.forEach(p -> anchors.add(new double[] { p.lat(), p.lon() }));
        found.addAll(namedPlaces(tokens, concepts, placeWords, streetWords, anchors));
        found.addAll(streets);
        if (report.hasCoordinates()) {
            found.add(new Place(Place.Source.PIN, null, -1, null, report.lat(), report.lon()));
        }
        if (!typed.isEmpty()) {
            found.addAll(typed);
            // "de buren op nummer 23" typed from Beukstraat 25: the problem is at Beukstraat 23.
            int number = standaloneNumber(tokens);
            if (number > 0 && streets.isEmpty() && !typed.isEmpty()) {
                Place home = typed.get(0);
                Street street = streetsByKey.get(key(home.street()));
                if (street != null && number != home.houseNumber()) {
                    found.add(place(street, number, Place.Source.TEXT_ADDRESS));
                }
            }
        }
        return found;
    }

    private List<Place> namedPlaces(List<String> tokens, Set<String> concepts, Set<String> placeWords,
            Set<String> streetWords, List<double[]> anchors) {
        List<Place> found = new ArrayList<>();
        Map<String, List<String>> phrases = phrases(tokens);
        for (NamedTarget target : namedPlaces) {
            boolean typed = target.concepts().stream().anyMatch(concepts::contains);
            for (Map.Entry<String, List<String>> phrase : phrases.entrySet()) {
                String p = phrase.getKey();
                boolean full = close(p, target.key());
                // A root inside a street name ("passart" in "Passartweg") is the street, not the place.
                boolean inStreet = phrase.getValue().stream().anyMatch(streetWords::contains);
                boolean rooted = !inStreet && target.root().length() >= 5
                        && (close(p, target.root()) || close(stripSuffix(p), target.root()));
                if (full || (rooted && (typed || target.root().length() >= 8))) {
                    found.add(namedPlace(target));
                    placeWords.addAll(phrase.getValue());
                    break;
                }
            }
        }
        if (found.isEmpty()) {
            // "bij de speeltuin": the place of that kind near where the report is (pin, street, typed
            // address), or, when nothing else says where, the only one of that kind in the area.
            for (String concept : concepts) {
                List<NamedTarget> ofKind = placesByConcept.getOrDefault(concept, List.of());
                if (!anchors.isEmpty()) {
                    ofKind.stream()
                            .filter(t -> nearest(anchors, t) <= NEAR_PIN)
                            .min(java.util.Comparator.comparingDouble(t -> nearest(anchors, t)))
                            .ifPresent(t -> found.add(namedPlace(t)));
                } else if (ofKind.size() == 1) {
                    found.add(namedPlace(ofKind.get(0)));
                }
            }
        }
        return found;
    }

    private static double nearest(List<double[]> anchors, NamedTarget target) {
        double min = Double.MAX_VALUE;
        for (double[] a : anchors) {
            min = Math.min(min, Scorer.metres(a[0], a[1], target.place().lat(), target.place().lon()));
        }
        return min;
    }

    private static Place namedPlace(NamedTarget target) {
        return new Place(Place.Source.NAMED_PLACE, null, -1, target.place().name(), target.place().lat(),
                target.place().lon());
    }

    private List<Place> streets(List<String> tokens, Place.Source withNumber, Place.Source withoutNumber,
            Set<String> placeWords) {
        List<Place> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int standaloneNumber = standaloneNumber(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            for (int n = 4; n >= 1; n--) {
                if (i + n > tokens.size()) {
                    continue;
                }
                String phrase = String.join("", tokens.subList(i, i + n));
                // "mijn straat" is not Mijnstraat: a glued phrase never starts with a function word.
                if (n > 1 && analysis.isStopWord(tokens.get(i))) {
                    continue;
                }
                Street street = street(phrase, n);
                if (street == null && n == 1 && stemAllowed(tokens, i)) {
                    street = streetsByStem.get(phrase);
                }
                if (street == null) {
                    continue;
                }
                placeWords.addAll(tokens.subList(i, i + n));
                int number = numberAfter(tokens, i + n);
                if (number < 0) {
                    number = numberBefore(tokens, i);
                }
                if (number < 0 && withNumber == Place.Source.TEXT_ADDRESS) {
                    number = standaloneNumber;
                }
                if (seen.add(street.key() + "#" + number)) {
                    found.add(place(street, number, number > 0 ? withNumber : withoutNumber));
                }
                i += n - 1;
                break;
            }
        }
        return found;
    }

    /**
     * A street named without "straat" ("hoek linde/populier") only counts next to "hoek" or another
     * such name: on its own "school" or "hoofd" is a word, not Schoolstraat or Hoofdstraat.
     */
    private boolean stemAllowed(List<String> tokens, int i) {
        boolean afterCorner = i > 0 && tokens.get(i - 1).equals("hoek");
        boolean nextToStem = (i > 0 && streetsByStem.containsKey(tokens.get(i - 1)))
                || (i + 1 < tokens.size() && streetsByStem.containsKey(tokens.get(i + 1)));
        return afterCorner || nextToStem;
    }

    private Place place(Street street, int number, Place.Source source) {
        StreetSegment segment = street.segments().get(0);
        if (number > 0) {
            for (StreetSegment s : street.segments()) {
                if (number >= s.houseFrom() && number <= s.houseTo()) {
                    segment = s;
                }
            }
        }
        return new Place(source, street.name(), number, null, segment.lat(), segment.lon());
    }

    private Street street(String phrase, int parts) {
        if (phrase.length() < 4 || phrase.chars().anyMatch(Character::isDigit)) {
            return null;
        }
        String expanded = phrase.endsWith("str") ? phrase + "aat" : phrase.endsWith("strt") ? phrase + "" : phrase;
        Street exact = streetsByKey.get(expanded);
        if (exact != null) {
            return exact;
        }
        if (expanded.length() < 7 || STREET_SUFFIXES.stream().noneMatch(s -> expanded.endsWith(s)
                || expanded.endsWith(s.substring(0, s.length() - 1)))) {
            return null;
        }
        return fuzzyStreet(expanded);
    }

    /** Residents repeat the same spellings: remember what a phrase turned out to be. */
    private final Map<String, java.util.Optional<Street>> fuzzyCache = new HashMap<>();

    private Street fuzzyStreet(String phrase) {
        synchronized (fuzzyCache) {
            java.util.Optional<Street> known = fuzzyCache.get(phrase);
            if (known != null) {
                return known.orElse(null);
            }
        }
        Street found = fuzzyStreetUncached(phrase);
        synchronized (fuzzyCache) {
            if (fuzzyCache.size() > 100_000) {
                fuzzyCache.clear();
            }
            fuzzyCache.put(phrase, java.util.Optional.ofNullable(found));
        }
        return found;
    }

    private Street fuzzyStreetUncached(String phrase) {
        int edits = phrase.length() >= 9 ? 2 : 1;
        // Most phrases are near no street at all; a bounded edit distance says so faster than an automaton.
        boolean anyClose = false;
        for (String key : streetsByKey.keySet()) {
            if (Math.abs(key.length() - phrase.length()) <= edits && editDistance(key, phrase, edits) <= edits) {
                anyClose = true;
                break;
            }
        }
        if (!anyClose) {
            return null;
        }
        try {
            TopDocs top = streetSearcher.search(new FuzzyQuery(new Term("key", phrase), edits, 1), 2);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            ScoreDoc best = top.scoreDocs[0];
            if (top.scoreDocs.length > 1 && top.scoreDocs[1].score >= best.score) {
                return null; // two streets equally close: do not guess
            }
            return streetsByKey.get(streetSearcher.storedFields().document(best.doc).get("key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int numberAfter(List<String> tokens, int from) {
        int i = from;
        int skipped = 0;
        while (i < tokens.size() && NUMBER_LEAD.contains(tokens.get(i)) && skipped < 2) {
            i++;
            skipped++;
        }
        return numberAt(tokens, i);
    }

    private static int numberBefore(List<String> tokens, int streetStart) {
        // "nr 23 beukstraat", "(nr. 8) ... " directly before the street
        if (streetStart >= 2 && NUMBER_LEAD.contains(tokens.get(streetStart - 2))) {
            return numberAt(tokens, streetStart - 1);
        }
        return -1;
    }

    /** "nr. 20", "nummer drieëntwintig" anywhere: the problem's number when the street is named elsewhere. */
    private static int standaloneNumber(List<String> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("nr") || t.equals("nummer") || t.equals("huisnummer") || t.equals("no")) {
                int n = numberAt(tokens, i + 1);
                if (n > 0) {
                    return n;
                }
            }
        }
        return -1;
    }

    private static int numberAt(List<String> tokens, int i) {
        if (i >= tokens.size()) {
            return -1;
        }
        String t = tokens.get(i);
        Matcher digits = HOUSE_NUMBER.matcher(t);
        if (digits.matches()) {
            int n = Integer.parseInt(digits.group(1));
            return n > 0 && n < 2000 ? n : -1;
        }
        for (int n = 3; n >= 1; n--) {
            if (i + n <= tokens.size()) {
                int value = DutchNumbers.parse(String.join("", tokens.subList(i, i + n)));
                if (value > 0 && !(n == 1 && t.equals("een"))) {
                    return value;
                }
            }
        }
        return -1;
    }

    /** Runs of one to three words glued together ("ter weijer park" → "terweijerpark"), with their words. */
    private static Map<String, List<String>> phrases(List<String> tokens) {
        Map<String, List<String>> phrases = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            StringBuilder s = new StringBuilder();
            for (int n = 0; n < 3 && i + n < tokens.size(); n++) {
                s.append(tokens.get(i + n));
                if (s.length() >= 4) {
                    phrases.putIfAbsent(s.toString(), tokens.subList(i, i + n + 1));
                }
            }
        }
        return phrases;
    }

    private static String stripSuffix(String phrase) {
        for (String suffix : STREET_SUFFIXES) {
            if (phrase.endsWith(suffix) && phrase.length() > suffix.length() + 3) {
                return phrase.substring(0, phrase.length() - suffix.length());
            }
        }
        return phrase;
    }

    private static boolean close(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int allowed = b.length() >= 9 ? 2 : b.length() >= 6 ? 1 : 0;
        return allowed > 0 && Math.abs(a.length() - b.length()) <= allowed && editDistance(a, b, allowed) <= allowed;
    }

    static int editDistance(String a, String b, int limit) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private IndexSearcher streetIndex() {
        try {
            ByteBuffersDirectory directory = new ByteBuffersDirectory();
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new KeywordAnalyzer()))) {
                for (Street street : streetsByKey.values()) {
                    Document doc = new Document();
                    doc.add(new StringField("key", street.key(), Field.Store.YES));
                    writer.addDocument(doc);
                }
            }
            return new IndexSearcher(DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String typeWords(String name) {
        StringBuilder words = new StringBuilder();
        for (String token : words(fold(name))) {
            for (String suffix : TYPE_SUFFIXES) {
                if (token.endsWith(suffix) && !token.equals(suffix)) {
                    words.append(' ').append(suffix);
                }
            }
        }
        return words.toString();
    }

    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    static String key(String name) {
        return fold(name).replaceAll("[^a-z]", "");
    }

    static List<String> words(String folded) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(folded);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
