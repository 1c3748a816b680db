package nl.hartslag.matching;

import java.time.Duration;
import java.util.List;

/**
 * Why a report was (or was not) put with a cluster, in terms a coordinator can read: how far
 * apart, how alike the words, which words they share, how long since the cluster's last report,
 * whether the categories agree, and the total score against the threshold.
 */
public record MatchExplanation(String clusterId, double score, double threshold, Double distanceMetres,
        double textScore, List<String> matchedTerms, Duration timeGap, boolean sameKind, String placeBasis) {

    public MatchExplanation {
        matchedTerms = List.copyOf(matchedTerms);
        timeGap = timeGap == null ? Duration.ZERO : timeGap;
        placeBasis = placeBasis == null ? "" : placeBasis;
    }

    /** One line for a coordinator's screen. */
    public String describe() {
        String distance = distanceMetres == null ? "plaats onbekend" : Math.round(distanceMetres) + " m";
        return String.format(java.util.Locale.ROOT, "score %.2f (drempel %.2f): %s (%s), tekst %.2f [%s], %d dagen na de vorige melding%s",
                score, threshold, distance, placeBasis, textScore, String.join(", ", matchedTerms),
                timeGap.toDays(), sameKind ? ", zelfde soort probleem" : "");
    }
}
