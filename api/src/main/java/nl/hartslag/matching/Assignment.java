package nl.hartslag.matching;

/** Where a report ended up: the cluster it joined or started, and the decision that put it there. */
public record Assignment(String reportId, String clusterId, MatchResult decision) {

    public boolean startedNewCluster() {
        return decision instanceof MatchResult.NewProblem;
    }
}
