package nl.hartslag.cluster;

import java.util.List;

import org.springframework.stereotype.Component;

import nl.hartslag.matching.MatchExplanation;
import nl.hartslag.matching.MatchResult;
import tools.jackson.databind.json.JsonMapper;

/** The engine's decision as stored in {@code cluster_match.explanation} (jsonb), and read back for coordinators. */
@Component
class ExplanationJson {

    /**
     * What was decided and why: for a new problem the fields describe the nearest miss, if any.
     * {@code timeGapSeconds}: how long after the cluster's previous report. {@code reasons}: the model's
     * largest contributions in plain Dutch ("zelfde plek: Speeltuin Jasmijnhof", "2 dagen later"); absent in
     * decisions stored before they existed.
     */
    record Stored(String decision, String clusterId, Double score, Double threshold, Double distanceMetres,
            Double textScore, List<String> matchedTerms, Long timeGapSeconds, Boolean sameKind, String placeBasis,
            String description, List<String> reasons) {
    }

    private final JsonMapper json;

    ExplanationJson(JsonMapper json) {
        this.json = json;
    }

    String write(MatchResult result) {
        MatchExplanation e = result instanceof MatchResult.SameProblem same ? same.explanation()
                : ((MatchResult.NewProblem) result).nearestMiss().orElse(null);
        String decision = result instanceof MatchResult.SameProblem ? "SAME_PROBLEM" : "NEW_PROBLEM";
        Stored stored = e == null ? new Stored(decision, null, null, null, null, null, List.of(), null, null, null, null,
                List.of())
                : new Stored(decision, e.clusterId(), e.score(), e.threshold(), e.distanceMetres(), e.textScore(),
                        e.matchedTerms(), e.timeGap() == null ? null : e.timeGap().toSeconds(), e.sameKind(),
                        e.placeBasis(), e.timeGap() == null ? null : e.describe(), e.reasons());
        return json.writeValueAsString(stored);
    }

    Stored read(String stored) {
        return stored == null ? null : json.readValue(stored, Stored.class);
    }
}
