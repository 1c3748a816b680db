package nl.hartslag.matching;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the engine extracted from one report: kinds of problem, content words, place evidence. */
record Features(IncomingReport report, Map<String, Integer> concepts, Map<String, Integer> terms, List<Place> places,
        Set<String> categoryConcepts, Map<String, Double> grams) {

    /** How much the text says beyond "again!": 0 for "Weer!!", 1 for a real description. */
    double informativeness() {
        return Math.min(1.0, concepts.size() / 2.0 + terms.size() / 8.0);
    }
}
