package nl.hartslag.matching;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the engine extracted from one report: kinds of problem, content words, place evidence. */
record Features(IncomingReport report, Map<String, Integer> concepts, Map<String, Integer> terms, List<Place> places,
        Set<String> categoryConcepts, int[] grams, Map<String, Double> termVector,
        Map<String, Double> kindVector, boolean followUpWords) {

    /**
     * How much this report reads as an update of an earlier one ("weer!!", "nog steeds", "still"):
     * 0 without such words, 1 for a bare follow-up, 0.5 for a follow-up that also describes the problem.
     */
    double followUp() {
        return followUpWords ? 1 - informativeness() / 2 : 0;
    }

    /** Cosine of two sets of character 4-grams, each a sorted array of distinct hashes. */
    static double gramSimilarity(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int shared = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return shared / Math.sqrt((double) a.length * b.length);
    }

    /** How much the text says beyond "again!": 0 for "Weer!!", 1 for a real description. */
    double informativeness() {
        return Math.min(1.0, concepts.size() / 2.0 + terms.size() / 8.0);
    }
}
