package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;

/**
 * The lexicon as tested data: every entry of {@code nuisance-lexicon.txt} and every concept of
 * {@code nuisance-kinds.txt}, read through the real analysis chain, against the real Dutch stop words
 * and the real seed gazetteer. A new word that breaks one of these rules fails here, naming itself.
 */
class NuisanceLexiconTests {

    private static final NuisanceAnalysis analysis = new NuisanceAnalysis();

    /** Street-name endings as the place finder knows them ("Beukstraat" → "beuk"). */
    private static final List<String> STREET_SUFFIXES = List.of("straat", "weg", "laan", "plein", "hof", "singel",
            "pad", "dreef", "kade", "gracht", "steeg", "park");

    private static Set<String> kindsOnly(Set<String> concepts) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : concepts) {
            String family = NuisanceKinds.familyOf(c);
            if (!family.equals(NuisanceKinds.PLACE) && !family.equals(NuisanceKinds.CONTEXT)) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean isKindEntry(NuisanceAnalysis.Entry entry) {
        return !kindsOnly(Set.copyOf(entry.concepts())).isEmpty();
    }

    @Test
    void theLexiconIsNotEmpty() {
        assertThat(analysis.entries()).hasSizeGreaterThan(800);
        assertThat(NuisanceKinds.concepts()).hasSizeGreaterThan(50);
    }

    @Test
    void everyEntryMeansAConceptWithAFamily() {
        List<String> unknown = new ArrayList<>();
        for (NuisanceAnalysis.Entry entry : analysis.entries()) {
            for (String concept : entry.concepts()) {
                if (!NuisanceKinds.concepts().contains(concept)) {
                    unknown.add("line " + entry.line() + ": " + entry.words() + " => " + concept);
                }
            }
        }
        assertThat(unknown).as("concepts missing from nuisance-kinds.txt").isEmpty();
    }

    @Test
    void everyConceptOfTheTableHasWords() {
        Set<String> used = new HashSet<>();
        analysis.entries().forEach(e -> used.addAll(e.concepts()));
        assertThat(used).containsAll(NuisanceKinds.concepts());
    }

    @Test
    void everyCategoryOfTheTableIsAReportCategory() {
        Set<String> categories = Set.of("noise", "drugs", "dumping", "litter", "traffic", "vandalism",
                "neighbour_dispute", "youth_nuisance", "animal", "public_lighting", "domestic", "other");
        for (String concept : NuisanceKinds.concepts()) {
            NuisanceKinds.categoryOf(concept).ifPresent(c -> assertThat(categories).as(concept).contains(c));
        }
    }

    @Test
    void placeConceptsOfTheTableAreTheScorersPlaceConcepts() {
        assertThat(NuisanceKinds.conceptsOf(NuisanceKinds.PLACE)).containsExactlyInAnyOrderElementsOf(
                Scorer.PLACE_CONCEPTS);
        assertThat(NuisanceKinds.conceptsOf(NuisanceKinds.CONTEXT)).containsExactlyInAnyOrderElementsOf(
                ViolenceSignal.CONTEXT_ONLY);
    }

    /**
     * An entry that stems to a stop word ("bijen" → "bij") would find its kind in every other sentence.
     * The violence signal's context words ("hem", "mij") are exempt: they count only next to an act of
     * violence.
     */
    @Test
    void noEntryStemsToAStopWord() {
        Set<String> stops = new HashSet<>(analysis.stopWords());
        for (String stop : analysis.stopWords()) {
            stops.addAll(NuisanceAnalysis.entryStems(stop));
        }
        List<String> bad = new ArrayList<>();
        for (NuisanceAnalysis.Entry entry : analysis.entries()) {
            if (entry.concepts().stream().allMatch(c -> NuisanceKinds.familyOf(c).equals(NuisanceKinds.CONTEXT))) {
                continue;
            }
            List<String> stems = NuisanceAnalysis.entryStems(entry.words());
            boolean allStops = !stems.isEmpty() && stems.stream().allMatch(stops::contains);
            if (allStops) {
                bad.add("line " + entry.line() + ": " + entry.words() + " → " + stems);
            }
        }
        assertThat(bad).as("entries that are only stop words once stemmed").isEmpty();
    }

    /**
     * A kind word that stems like a street ("linde", "beuk", "eiken", "mijn") would turn every report
     * from that street into that kind. Place words may ("school" is also Schoolstraat): they say where.
     */
    @Test
    void noKindEntryStemsToAStreetNameOrItsRoot() {
        Set<String> streetStems = new HashSet<>();
        for (String street : streetNames()) {
            String key = street.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            streetStems.addAll(NuisanceAnalysis.entryStems(key));
            streetStems.addAll(NuisanceAnalysis.entryStems(street));
            for (String suffix : STREET_SUFFIXES) {
                if (key.endsWith(suffix) && key.length() > suffix.length() + 2) {
                    streetStems.addAll(NuisanceAnalysis.entryStems(key.substring(0, key.length() - suffix.length())));
                }
            }
        }
        streetStems.removeAll(List.of("noord", "zuid", "oost", "west"));
        List<String> bad = new ArrayList<>();
        for (NuisanceAnalysis.Entry entry : analysis.entries()) {
            if (!isKindEntry(entry)) {
                continue;
            }
            for (String stem : NuisanceAnalysis.entryStems(entry.words())) {
                if (streetStems.contains(stem)) {
                    bad.add("line " + entry.line() + ": " + entry.words() + " → " + stem);
                }
            }
        }
        assertThat(bad).as("kind entries that stem like a street name of the gazetteer").isEmpty();
    }

    /** Street names, as typed, glued or split by a speech recogniser, never name a kind of problem. */
    @Test
    void streetNamesNameNoKindWhoeverWritesThem() {
        List<String> bad = new ArrayList<>();
        for (String street : streetNames()) {
            String lower = street.toLowerCase(Locale.ROOT);
            List<String> spellings = new ArrayList<>(List.of(street, lower, lower.replace("-", "")));
            for (String suffix : STREET_SUFFIXES) {
                if (lower.endsWith(suffix)) {
                    spellings.add(lower.substring(0, lower.length() - suffix.length()) + " " + suffix);
                }
            }
            for (String spelling : spellings) {
                Set<String> kinds = kindsOnly(analysis.concepts(spelling).keySet());
                if (!kinds.isEmpty()) {
                    bad.add(spelling + " → " + kinds);
                }
            }
        }
        assertThat(bad).isEmpty();
    }

    /** A named place names a place, never a kind of problem ("Winkelstrip", "Speeltuin Jasmijnhof"). */
    @Test
    void namedPlacesNameNoKind() {
        for (var place : SeedGazetteer.PLACES) {
            assertThat(kindsOnly(analysis.concepts(place.name()).keySet())).as(place.name()).isEmpty();
        }
    }

    /**
     * One word, one kind: a word listed under two kinds of problem pulls every report that uses it
     * towards both. Only the violence signal's context may overlap a kind ("kids" are youth and persons).
     */
    @Test
    void noWordIsListedUnderTwoKinds() {
        TreeMap<String, Integer> seen = new TreeMap<>();
        List<String> twice = new ArrayList<>();
        for (NuisanceAnalysis.Entry entry : analysis.entries()) {
            if (entry.concepts().stream().anyMatch(c -> NuisanceKinds.familyOf(c).equals(NuisanceKinds.CONTEXT))) {
                continue;
            }
            String key = String.join(" ", NuisanceAnalysis.entryStems(entry.words()));
            Integer line = seen.putIfAbsent(key, entry.line());
            if (line != null && line != entry.line()) {
                twice.add(entry.words() + " (lines " + line + " and " + entry.line() + ")");
            }
        }
        assertThat(twice).isEmpty();
    }

    /** Every single-word kind entry finds its own concepts through the whole chain, compounds and all. */
    @Test
    void everyWordFindsItsOwnConcepts() {
        List<String> lost = new ArrayList<>();
        for (NuisanceAnalysis.Entry entry : analysis.entries()) {
            Set<String> found = analysis.concepts(entry.words()).keySet();
            if (!found.containsAll(entry.concepts())) {
                lost.add("line " + entry.line() + ": " + entry.words() + " → " + found + ", not " + entry.concepts());
            }
        }
        assertThat(lost).isEmpty();
    }

    /** The parts of compounds are words: at least four letters, no street words, nothing the lexicon means. */
    @Test
    void compoundPartsAreNeutralWords() {
        Decompounder parts = analysis.decompounder();
        for (String street : STREET_SUFFIXES) {
            assertThat(parts.split("vuilnis" + street)).as(street + " is no part").isEmpty();
        }
        assertThat(parts.split("hondenpoep" + "overlast")).isNotEmpty();
    }

    private static Set<String> streetNames() {
        Set<String> names = new LinkedHashSet<>();
        for (StreetSegment segment : SeedGazetteer.STREETS) {
            names.add(segment.street());
        }
        return names;
    }
}
