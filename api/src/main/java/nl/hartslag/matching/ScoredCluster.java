package nl.hartslag.matching;

/** A cluster a resident might mean, with why. */
public record ScoredCluster(ClusterView cluster, MatchExplanation explanation) {
}
