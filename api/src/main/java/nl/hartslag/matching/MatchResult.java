package nl.hartslag.matching;

import java.util.Optional;

/** The engine's decision for one report (after Duke's matches / noMatchFor). */
public sealed interface MatchResult {

    /** No open cluster is close enough: the report starts a new problem. The nearest miss, if any, explains why. */
    record NewProblem(Optional<MatchExplanation> nearestMiss) implements MatchResult {
    }

    /** The report is about a problem already known as this cluster. */
    record SameProblem(String clusterId, MatchExplanation explanation) implements MatchResult {
    }
}
