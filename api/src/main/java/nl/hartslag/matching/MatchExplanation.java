package nl.hartslag.matching;

import java.time.Duration;
import java.util.List;

/**
 * Why a report was (or was not) put with a cluster, in terms a coordinator can read: how far
 * apart, how alike the words, which words they share, how long since the cluster's last report,
 * whether the categories agree, and the total score against the threshold. {@code contributions}
 * are the model's inputs with their weights, largest effect first; {@code reasons} say the same in
 * a few plain Dutch words ("zelfde speeltuin Jasmijnhof", "2 dagen later", "zelfde soort overlast").
 */
public record MatchExplanation(String clusterId, double score, double threshold, Double distanceMetres,
        double textScore, List<String> matchedTerms, Duration timeGap, boolean sameKind, String placeBasis,
        List<Contribution> contributions, List<String> reasons) {

    /** One input of the model: its value for this report and cluster, and its weight. */
    public record Contribution(String feature, double value, double weight) {

        /** What this input adds to the log-odds of "same problem" (negative: it speaks against). */
        public double effect() {
            return value * weight;
        }
    }

    public MatchExplanation {
        matchedTerms = List.copyOf(matchedTerms);
        timeGap = timeGap == null ? Duration.ZERO : timeGap;
        placeBasis = placeBasis == null ? "" : placeBasis;
        contributions = contributions == null ? List.of() : List.copyOf(contributions);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** The inputs with the largest effect, largest first. */
    public List<Contribution> topContributions(int limit) {
        return contributions.stream().limit(limit).toList();
    }

    /** One line for a coordinator's screen. */
    public String describe() {
        String distance = distanceMetres == null ? "plaats onbekend" : Math.round(distanceMetres) + " m";
        return String.format(java.util.Locale.ROOT, "score %.2f (drempel %.2f): %s (%s), tekst %.2f [%s], %d dagen na de vorige melding%s",
                score, threshold, distance, placeBasis, textScore, String.join(", ", matchedTerms),
                timeGap.toDays(), sameKind ? ", zelfde soort probleem" : "");
    }
}
