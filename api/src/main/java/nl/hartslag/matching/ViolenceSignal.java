package nl.hartslag.matching;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a text speaks of violence, threats or abuse against a person, read with the same Lucene
 * analysis as matching (lower case, accents folded, Dutch stemming, the lexicon's synonym graph), so
 * everyday inflections count ("slaat", "sloeg", "mishandelt", "bedreigt … met een mes", "hits").
 * Words that are violence on their own (mishandeling, wurgen, mes, abuse) count alone. Physical acts,
 * threats and fear ("slaat", "duwt", "bedreigd", "bang") count only with a person named close by, in
 * the same sentence (a partner, a child, her, him, the neighbour): a door "slaat", roots push up
 * paving stones and a mirror is kicked off a car too. When in doubt it flags: a wrongly flagged report
 * costs a coordinator a look, a missed one can put volunteers on a doorstep where someone is hurt.
 * Thread-safe.
 */
public final class ViolenceSignal {

    static final String VIOLENCE = "qqviolence";
    static final String DOMESTIC = "qqdomestic";
    private static final Set<String> ACTS = Set.of("qqforce", "qqthreat");
    private static final String FEAR = "qqfear";
    private static final Set<String> OTHERS = Set.of("qqperson", "qqneighbour");
    private static final String SELF = "qqself";
    /** Words between an act and its person: "slaat zijn vrouw", "wordt geslagen door haar man". */
    private static final int WINDOW = 5;
    /** Sentence ends; texts and speech transcripts without them are one long sentence, the window still holds. */
    private static final Pattern SENTENCES = Pattern.compile("[.!?;\\n]+");

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
        return in(ANALYSIS, text);
    }

    static boolean in(NuisanceAnalysis analysis, String text) {
        if (text == null) {
            return false;
        }
        for (String sentence : SENTENCES.split(text)) {
            if (inSentence(analysis.locatedConcepts(sentence))) {
                return true;
            }
        }
        return false;
    }

    private static boolean inSentence(List<NuisanceAnalysis.Located> concepts) {
        for (NuisanceAnalysis.Located c : concepts) {
            if (c.concept().equals(VIOLENCE) || c.concept().equals(DOMESTIC)) {
                return true;
            }
            boolean act = ACTS.contains(c.concept());
            if (!act && !c.concept().equals(FEAR)) {
                continue;
            }
            for (NuisanceAnalysis.Located near : concepts) {
                boolean person = OTHERS.contains(near.concept()) || (act && near.concept().equals(SELF));
                if (person && Math.abs(near.position() - c.position()) <= WINDOW) {
                    return true;
                }
            }
        }
        return false;
    }
}
