package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The cross-validation behind refit.sh: folds that never split a problem, and scores as score.py computes them. */
class MatchModelToolTests {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    /** Problems P1..P12 of 1..4 reports each, a problem's reports a few days apart, problems starting in turn. */
    private static MatchModelTool.LabelledSet invented() {
        List<IncomingReport> reports = new ArrayList<>();
        Map<String, String> truth = new HashMap<>();
        int n = 0;
        for (int p = 1; p <= 12; p++) {
            for (int k = 0; k < 1 + p % 4; k++) {
                String id = "r" + (++n);
                reports.add(new IncomingReport(id, START.plus(Duration.ofDays(3L * p + 2L * k)), "web", "tekst " + p,
                        null, null, null, null));
                truth.put(id, "set:P" + p);
            }
        }
        reports.sort((a, b) -> a.receivedAt().compareTo(b.receivedAt()));
        return new MatchModelTool.LabelledSet("set", reports, truth);
    }

    @Test
    void blocksAreContiguousInTimeAndNeverSplitAProblem() {
        MatchModelTool.LabelledSet set = invented();

        List<Set<String>> blocks = MatchModelTool.blocks(set, 4);

        assertThat(blocks).hasSize(4).allSatisfy(b -> assertThat(b).isNotEmpty());
        Set<String> all = new HashSet<>();
        blocks.forEach(all::addAll);
        assertThat(all).hasSize(set.reports().size());
        Map<String, Integer> blockOfProblem = new HashMap<>();
        for (int k = 0; k < blocks.size(); k++) {
            for (String id : blocks.get(k)) {
                Integer before = blockOfProblem.put(set.truth().get(id), k);
                assertThat(before == null || before == k).as("problem of " + id + " in one block").isTrue();
            }
        }
        // Problems in a later block start after every problem of an earlier block started.
        for (int p = 1; p < 12; p++) {
            assertThat(blockOfProblem.get("set:P" + p)).isLessThanOrEqualTo(blockOfProblem.get("set:P" + (p + 1)));
        }
    }

    @Test
    void theDecisionsOfAllBlocksTogetherScoreAsTheWholeSet() {
        MatchModelTool.LabelledSet set = invented();
        // A prediction with errors: P2 merged into P1's cluster, P3 split in two.
        Map<String, String> predicted = new HashMap<>();
        for (IncomingReport r : set.reports()) {
            String problem = set.truth().get(r.id());
            String cluster = problem.equals("set:P2") ? "set:P1" : problem;
            if (problem.equals("set:P3") && predicted.containsValue("set:P3")) {
                cluster = "set:P3b";
            }
            predicted.put(r.id(), cluster);
        }
        double[] whole = MatchModelTool.score(predicted, set.truth());
        double[] counts = new double[6];
        for (Set<String> block : MatchModelTool.blocks(set, 4)) {
            double[] c = MatchModelTool.heldOut(predicted, block, set.truth());
            for (int i = 0; i < counts.length; i++) {
                counts[i] += c[i];
            }
        }

        double[] pooled = MatchModelTool.figures(counts);

        assertThat(whole[0]).isLessThan(1.0);
        for (int i = 0; i < 4; i++) {
            assertThat(pooled[i]).isCloseTo(whole[i], within(1e-12));
        }
    }
}
