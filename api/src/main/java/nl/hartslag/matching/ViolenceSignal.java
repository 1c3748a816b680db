package nl.hartslag.matching;

import java.util.Map;
import java.util.Set;

/**
 * Whether a text speaks of violence, threats or abuse against a person, read with the same Lucene
 * analysis as matching (lower case, accents folded, Dutch stemming, the lexicon's synonym graph), so
 * everyday inflections count ("slaat", "sloeg", "mishandelt", "bedreigt … met een mes", "hits").
 * Words that are violence on their own (mishandeling, wurgen, mes, abuse) count alone; physical acts,
 * threats and fear ("slaat", "duwt", "bedreigd", "bang") count only with a person named beside them
 * (a partner, a child, her, him, the neighbour), because a door "slaat" and a ball is kicked too.
 * When in doubt it flags: a wrongly flagged report costs a coordinator a look, a missed one can put
 * volunteers on a doorstep where someone is being hurt. Thread-safe.
 */
public final class ViolenceSignal {

    static final String VIOLENCE = "qqviolence";
    static final String DOMESTIC = "qqdomestic";
    private static final Set<String> ACTS = Set.of("qqforce", "qqthreat");
    private static final String FEAR = "qqfear";
    private static final Set<String> OTHERS = Set.of("qqperson", "qqneighbour");
    private static final String SELF = "qqself";

    /**
     * Concepts that are context for this signal, not kinds of problem: matching leaves them out, so
     * "kinderen" or "bang" in a report about a playground does not make it look like another problem.
     */
    static final Set<String> CONTEXT_ONLY = Set.of("qqforce", "qqthreat", "qqfear", "qqperson", "qqself");

    private static final NuisanceAnalysis ANALYSIS = new NuisanceAnalysis();

    private ViolenceSignal() {
    }

    /** True when the words speak of violence, a threat or abuse against a person. */
    public static boolean in(String text) {
        return text != null && in(ANALYSIS.concepts(text));
    }

    static boolean in(Map<String, Integer> concepts) {
        if (concepts.containsKey(VIOLENCE) || concepts.containsKey(DOMESTIC)) {
            return true;
        }
        boolean other = OTHERS.stream().anyMatch(concepts::containsKey);
        boolean act = ACTS.stream().anyMatch(concepts::containsKey);
        return (act && (other || concepts.containsKey(SELF))) || (concepts.containsKey(FEAR) && other);
    }
}
