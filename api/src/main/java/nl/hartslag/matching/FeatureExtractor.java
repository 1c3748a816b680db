package nl.hartslag.matching;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;

/** Turns a report into {@link Features}. */
class FeatureExtractor {

    /** What a chosen category suggests about the kind of problem; only a hint. */
    private static final Map<String, Set<String>> CATEGORY_CONCEPTS = Map.ofEntries(
            Map.entry("noise", Set.of("qqnoise", "qqmusic", "qqparty")),
            Map.entry("drugs", Set.of("qqdrugs", "qqdealcars")),
            Map.entry("dumping", Set.of("qqdumping", "qqwaste")),
            Map.entry("litter", Set.of("qqlitter", "qqwaste")),
            Map.entry("traffic", Set.of("qqspeeding", "qqparking", "qqtraffic")),
            Map.entry("vandalism", Set.of("qqvandalism")),
            Map.entry("youth_nuisance", Set.of("qqyouth")),
            Map.entry("animal", Set.of("qqdog", "qqvermin", "qqanimal")),
            Map.entry("public_lighting", Set.of("qqlighting")),
            Map.entry("domestic", Set.of("qqdomestic", "qqviolence")),
            Map.entry("neighbour_dispute", Set.of("qqdispute", "qqneighbour")),
            Map.entry("other", Set.of()));

    private final NuisanceAnalysis analysis;
    /** Replaced as a whole when a landmark is added; a report is read by one finder or the other. */
    private volatile PlaceFinder places;

    FeatureExtractor(List<StreetSegment> streets, List<NamedPlace> namedPlaces) {
        this.analysis = new NuisanceAnalysis();
        this.places = new PlaceFinder(streets, namedPlaces, analysis);
    }

    /** Reads places from now on against these streets and named places. */
    void updatePlaces(List<StreetSegment> streets, List<NamedPlace> namedPlaces) {
        this.places = new PlaceFinder(streets, namedPlaces, analysis);
    }

    NuisanceAnalysis analysis() {
        return analysis;
    }

    /** Character 4-grams of the content words: SMS spellings ("jonges", "alwr") still meet. */
    private static int[] grams(Set<String> words) {
        java.util.TreeSet<Integer> grams = new java.util.TreeSet<>();
        for (String word : words) {
            String padded = "_" + word + "_";
            for (int i = 0; i + 4 <= padded.length(); i++) {
                grams.add(padded.substring(i, i + 4).hashCode());
            }
        }
        return grams.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Place names and words recur in every report: analyse each once. */
    private final Map<String, List<String>> placeTerms = new java.util.concurrent.ConcurrentHashMap<>();

    private List<String> termsOf(String name) {
        if (placeTerms.size() > 50_000) {
            placeTerms.clear();
        }
        return placeTerms.computeIfAbsent(name, analysis::terms);
    }

    Features extract(IncomingReport report) {
        return extract(report, PlaceFinder.HouseNumbers.NONE);
    }

    /** With the house numbers of the live clusters, for a bare "nummer 12". */
    Features extract(IncomingReport report, PlaceFinder.HouseNumbers numbers) {
        Map<String, Integer> concepts = analysis.concepts(report.text());
        // Context for the violence signal ("kinderen", "bang"), not a kind of problem to match on.
        concepts.keySet().removeAll(ViolenceSignal.CONTEXT_ONLY);
        Map<String, Integer> terms = new LinkedHashMap<>();
        // A map link is a place, not words ("https", "maps.google.com" would make any two links alike).
        for (String term : analysis.terms(report.text().replaceAll("https?://\\S+", " "))) {
            if (term.length() >= 3 && !term.chars().allMatch(Character::isDigit)) {
                terms.merge(term, 1, Integer::sum);
            }
        }
        Set<String> categoryConcepts = report.category() == null ? Set.of()
                : CATEGORY_CONCEPTS.getOrDefault(report.category(), Set.of());
        Set<String> allConcepts = new HashSet<>(concepts.keySet());
        Set<String> placeWords = new HashSet<>();
        List<Place> found = places.find(report, allConcepts, placeWords, numbers);
        // Place names are scored as place; as words they would count twice.
        for (Place p : found) {
            for (String name : new String[] { p.street(), p.namedPlace() }) {
                if (name != null) {
                    termsOf(name).forEach(terms::remove);
                }
            }
        }
        placeWords.forEach(w -> termsOf(w).forEach(terms::remove));
        Map<String, Double> termVector = new java.util.HashMap<>();
        terms.forEach((w, n) -> termVector.put(w, (double) n));
        Map<String, Double> kindVector = new java.util.HashMap<>();
        concepts.forEach((c, n) -> kindVector.put(c, (double) n));
        kindVector.keySet().removeAll(Scorer.PLACE_CONCEPTS);
        return new Features(report, concepts, terms, found, categoryConcepts, grams(terms.keySet()),
                Map.copyOf(termVector), Map.copyOf(kindVector), FollowUps.in(report.text()));
    }
}
