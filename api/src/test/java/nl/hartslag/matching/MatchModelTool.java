package nl.hartslag.matching;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

/**
 * How {@code match-model.properties} is made: not a test, a tool (docs/matching-model.md; run it with
 * {@code api/src/test/resources/nl/hartslag/matching/refit.sh}).
 *
 * <p>{@code refit OUT.properties REPORT.md SET.jsonl...} fits the logistic model on the labelled sets
 * and chooses the feature set, the L2 strength and the threshold by cross-validation grouped by
 * problem and blocked by time: each set is cut into contiguous time blocks of its problems (a problem
 * belongs to the block of its first report, so it never straddles training and test); for every
 * block the model is fitted on everything else and the whole engine replays the held-out block, scored
 * with pairwise F1 and B-cubed as {@code shared/dedup/score.py} computes them. Training rows are the
 * inputs for every candidate cluster of every training report, replayed in time order twice: with the
 * true clusters, and with the engine's own clusters (labelled by their majority problem) under a first
 * model fitted on the true-cluster rows alone, so it also learns what polluted clusters look like.
 * Also reported: fit on one set, score the other (the best proxy for unseen seasons, streets and
 * writers), and the in-sample figures of the final model.
 *
 * <p>{@code evaluate SET.jsonl t1,t2,...} replays a set with the model on the classpath at several thresholds.
 */
public final class MatchModelTool {

    /** Log-odds a conflict may take away at most: it lowers the score, it does not veto. */
    static final double CAP = Double.parseDouble(System.getProperty("cap", "3"));
    static final double[] LAMBDAS = Arrays.stream(System.getProperty("lambdas", "1,3,10").split(","))
            .mapToDouble(Double::parseDouble).toArray();
    /** Off only to measure what the constraints cost: -Dconstrained=false. */
    static final boolean CONSTRAINED = Boolean.parseBoolean(System.getProperty("constrained", "true"));
    static final double[] THRESHOLDS = { 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6 };
    static final int BLOCKS = 4;
    /** The threshold for the self-training replay under the first model. */
    static final double SELF_THRESHOLD = 0.4;

    /** Inputs that can only raise the score: closer, the same street, number or named place, more shared kind or words. */
    static final Set<String> NON_NEGATIVE = Set.of("place", "samePlace", "sameNumber", "sameStreet", "distance",
            "kind", "family", "text", "sameCategory", "categoryConcepts", "textMax", "kindMax", "grams", "namedStreet",
            "followUpXplace", "followUpLatest", "disputeNeighbours", "near3days", "homePlace", "placeShare",
            // Agreement on what and where counts more than on what alone: a lookalike elsewhere stays apart.
            "placeXkind", "placeXtext", "placeXfamily", "placeXgrams", "namedStreetXfamily");
    /**
     * Products of place with kind, words or vagueness may be negative (saturation: where the place agrees,
     * words add less), but never so much that the total effect of closer places or more shared kind or words
     * turns negative: constraints on sums, see {@link #monotone()}.
     */
    static final List<String> PLACE_PRODUCTS = List.of("placeXkind", "placeXtext", "placeXfamily", "placeXgrams",
            "vagueXplace");
    /** Conflicts: they may lower the score, by at most {@link #CAP}. */
    static final Set<String> CAPPED_NEGATIVE = Set.of("placeConflict", "numberConflict", "streetConflict",
            "familyConflict", "addressKindConflict", "pinsApart");
    /** A longer quiet never raises the score. */
    static final Set<String> NON_POSITIVE = Set.of("gap");

    /**
     * Feature sets compared by cross-validation ({@code -Dvariants=all,merged}); the default refit uses
     * "all", which won every comparison so far (docs/matching-model.md).
     */
    static final Map<String, Set<String>> VARIANTS = new LinkedHashMap<>();
    static {
        VARIANTS.put("all", Set.copyOf(Scorer.FEATURES));
        // Collinear inputs merged: the graded place score carries named place, street and number; the
        // cluster-level cosines carry their closest-report twins; fewer products.
        VARIANTS.put("merged", Set.of("place", "sameNumber", "distance", "noPlace", "placeConflict", "numberConflict",
                "streetConflict", "pinsApart", "kind", "family", "text", "grams", "informative", "sameCategory",
                "categoryConcepts", "gap", "size", "placeXkind", "placeXtext", "vagueXplace", "familyConflict",
                "namedStreet", "followUp", "followUpXplace", "followUpLatest", "disputeNeighbours",
                "addressKindConflict"));
        VARIANTS.keySet().retainAll(Set.of(System.getProperty("variants", "all").split(",")));
        // Ablation: -Dwithout=placeShare,homePlace fits without those inputs (their weight 0).
        Set<String> without = Set.of(System.getProperty("without", "").split(","));
        VARIANTS.replaceAll((name, inputs) -> inputs.stream().filter(i -> !without.contains(i))
                .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    private MatchModelTool() {
    }

    /** A labelled set: its reports in time order and the true problem of each (prefixed with the set's name). */
    record LabelledSet(String name, List<IncomingReport> reports, Map<String, String> truth) {

        LabelledSet without(Set<String> ids) {
            return new LabelledSet(name, reports.stream().filter(r -> !ids.contains(r.id())).toList(), truth);
        }

        LabelledSet only(Set<String> ids) {
            return new LabelledSet(name, reports.stream().filter(r -> ids.contains(r.id())).toList(), truth);
        }
    }

    record Rows(List<double[]> x, List<Double> y) {
        Rows() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        void addAll(Rows other) {
            x.addAll(other.x);
            y.addAll(other.y);
        }
    }

    public static void main(String[] args) throws Exception {
        // scipy's SLSQP solves the coupled constraints exactly (fit_model.py); -Dfitter=java for the fallback.
        System.getProperties().putIfAbsent("fitter", "scipy");
        var streets = SeedGazetteer.STREETS;
        var named = SeedGazetteer.PLACES;
        FeatureExtractor extractor = new CachingExtractor(streets, named);
        switch (args[0]) {
            case "refit" -> {
                List<LabelledSet> sets = new ArrayList<>();
                for (int i = 3; i < args.length; i++) {
                    sets.add(load(Path.of(args[i])));
                }
                refit(extractor, sets, Path.of(args[1]), Path.of(args[2]));
            }
            case "evaluate" -> {
                LabelledSet set = load(Path.of(args[1]));
                for (String t : args[2].split(",")) {
                    Scorer.Settings settings = Scorer.Settings.defaults().with("threshold", Double.parseDouble(t));
                    double[] s = score(replay(extractor, settings, set.reports()), set.truth());
                    System.out.printf(Locale.ROOT, "threshold=%s pairwiseF1=%.3f bcubedF1=%.3f P=%.3f R=%.3f%n", t,
                            s[0], s[1], s[2], s[3]);
                }
            }
            case "errors" -> errors(extractor, load(Path.of(args[1])));
            default -> throw new IllegalArgumentException("refit OUT.properties REPORT.md SET.jsonl... | evaluate SET.jsonl t1,t2");
        }
    }

    /**
     * The refit replays the same reports hundreds of times: each is read (analysed, placed) once.
     * What a report says does not depend on the clusters around it.
     */
    static final class CachingExtractor extends FeatureExtractor {

        /** A reading, and the house-number questions it asked of the live clusters with their answers. */
        private record Reading(Features features, Map<Integer, Set<String>> asked) {
        }

        private final Map<IncomingReport, Reading> cache = new HashMap<>();

        CachingExtractor(List<nl.hartslag.db.seed.GazetteerCsv.StreetSegment> streets,
                List<nl.hartslag.db.seed.GazetteerCsv.NamedPlace> places) {
            super(streets, places);
        }

        @Override
        Features extract(IncomingReport report, PlaceFinder.HouseNumbers numbers) {
            // A bare "nummer 12" is read against the live clusters' house numbers: the cached reading
            // holds only while the same questions get the same answers.
            Reading cached = cache.get(report);
            if (cached != null && cached.asked().entrySet().stream()
                    .allMatch(e -> numbers.streetsWith(e.getKey()).equals(e.getValue()))) {
                return cached.features();
            }
            Map<Integer, Set<String>> asked = new HashMap<>();
            Features features = super.extract(report, n -> asked.computeIfAbsent(n, k -> Set.copyOf(numbers.streetsWith(k))));
            cache.put(report, new Reading(features, asked));
            return features;
        }
    }

    /** For looking at the model: every wrong join and every missed join of a replay, with its explanation. */
    static void errors(FeatureExtractor extractor, LabelledSet set) {
        Engine engine = Engine.inMemory(extractor, Scorer.Settings.defaults());
        Map<String, Map<String, Integer>> members = new HashMap<>();
        Map<String, String> text = new HashMap<>();
        int n = 0;
        for (IncomingReport r : set.reports()) {
            text.put(r.id(), r.text());
            String truth = set.truth().get(r.id());
            List<MatchExplanation> all = engine.explainCandidates(r);
            MatchResult d = engine.match(r);
            String cluster = d instanceof MatchResult.SameProblem same ? same.clusterId() : "c" + (++n);
            if (d instanceof MatchResult.SameProblem same) {
                String majority = members.get(cluster).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                if (!majority.equals(truth)) {
                    System.out.printf(Locale.ROOT, "WRONG JOIN %s (%s) -> %s (%s): %.2f %s%n   %s%n", r.id(), truth, cluster,
                            majority, same.explanation().score(), same.explanation().topContributions(8).stream()
                                    .map(c -> String.format(Locale.ROOT, "%s=%.2f", c.feature(), c.effect())).toList(),
                            r.text());
                }
            } else {
                for (MatchExplanation e : all) {
                    String majority = members.get(e.clusterId()).entrySet().stream().max(Map.Entry.comparingByValue())
                            .orElseThrow().getKey();
                    if (majority.equals(truth)) {
                        System.out.printf(Locale.ROOT, "MISSED %s (%s) -> %s: %.2f %s%n   %s%n", r.id(), truth, e.clusterId(),
                                e.score(), e.topContributions(8).stream()
                                        .map(c -> String.format(Locale.ROOT, "%s=%.2f", c.feature(), c.effect())).toList(),
                                r.text());
                    }
                }
            }
            engine.assign(r, cluster);
            members.computeIfAbsent(cluster, k -> new HashMap<>()).merge(truth, 1, Integer::sum);
        }
    }

    // --- the refit

    static void refit(FeatureExtractor extractor, List<LabelledSet> sets, Path out, Path reportFile) throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter report = new PrintWriter(text);
        double[] thresholds = THRESHOLDS;
        // Folds: (set, block) → the reports of the problems whose first report falls in that block.
        List<String> foldNames = new ArrayList<>();
        List<Set<String>> foldIds = new ArrayList<>();
        List<LabelledSet> foldSet = new ArrayList<>();
        for (LabelledSet set : sets) {
            List<Set<String>> blocks = blocks(set, BLOCKS);
            for (int k = 0; k < blocks.size(); k++) {
                foldNames.add(set.name() + "#" + (k + 1));
                foldIds.add(blocks.get(k));
                foldSet.add(set);
            }
        }
        // results[variant][lambda][threshold][fold] = predicted cluster per report of the fold
        Map<String, Map<String, String>[][][]> predictions = new LinkedHashMap<>();
        for (String v : VARIANTS.keySet()) {
            @SuppressWarnings("unchecked")
            Map<String, String>[][][] p = new Map[LAMBDAS.length][thresholds.length][foldNames.size()];
            predictions.put(v, p);
        }
        for (int f = 0; f < foldNames.size(); f++) {
            Set<String> held = foldIds.get(f);
            List<LabelledSet> training = new ArrayList<>();
            for (LabelledSet set : sets) {
                training.add(set.without(held));
            }
            Rows rows = trainingRows(extractor, training);
            // The whole set is replayed, so the held-out reports meet as many live clusters as they would
            // in service; only the held-out reports are scored.
            List<IncomingReport> whole = foldSet.get(f).reports();
            System.err.printf(Locale.ROOT, "fold %s: %d training rows, %d held-out reports%n", foldNames.get(f),
                    rows.y().size(), held.size());
            for (String v : VARIANTS.keySet()) {
                for (int l = 0; l < LAMBDAS.length; l++) {
                    ConstrainedLogistic.Model m = fit(rows, LAMBDAS[l], VARIANTS.get(v));
                    for (int t = 0; t < thresholds.length; t++) {
                        predictions.get(v)[l][t][f] = replay(extractor, settings(m, thresholds[t]), whole);
                    }
                }
            }
        }
        // Choose by the pooled held-out figures of each set, the sets weighing equally; the threshold
        // on a plateau: the mean over it and its two neighbours, not a single peak.
        report.println("## Cross-validation (grouped by problem, blocked by time)");
        report.println();
        report.printf(Locale.ROOT, "%d contiguous time blocks per set (a problem belongs to the block of its first report); "
                + "for each block the model is fitted on all other blocks of both sets, the whole engine replays the whole set "
                + "in time order (so the block meets all live clusters of its time) and the block's decisions are scored: every pair "
                + "with at least one report of the block, B-cubed over the block's reports with their whole predicted clusters "
                + "(so joining another block's problem costs precision). "
                + "Objective: mean over the sets of (pairwise F1 + B-cubed F1) / 2 of the pooled held-out blocks, "
                + "smoothed over the threshold and its two neighbours.%n%n", BLOCKS);
        report.println("| features | L2 | best threshold (plateau) | objective | " + setHeader(sets) + " |");
        report.println("|---|---|---|---|" + "---|".repeat(sets.size()) + "");
        String bestVariant = null;
        int bestL = -1;
        int bestT = -1;
        double bestObjective = -1;
        Map<String, double[][]> curve = new LinkedHashMap<>();
        for (String v : VARIANTS.keySet()) {
            double[][] objective = new double[LAMBDAS.length][thresholds.length];
            for (int l = 0; l < LAMBDAS.length; l++) {
                for (int t = 0; t < thresholds.length; t++) {
                    objective[l][t] = objective(pooled(sets, foldSet, foldIds, predictions.get(v)[l][t]));
                }
                int argmax = -1;
                double best = -1;
                for (int t = 1; t + 1 < thresholds.length; t++) {
                    double smooth = (objective[l][t - 1] + objective[l][t] + objective[l][t + 1]) / 3;
                    if (smooth > best) {
                        best = smooth;
                        argmax = t;
                    }
                }
                List<double[]> perSet = pooled(sets, foldSet, foldIds, predictions.get(v)[l][argmax]);
                report.printf(Locale.ROOT, "| %s | %s | %.2f | %.4f | %s |%n", v, fmt(LAMBDAS[l]), thresholds[argmax], best,
                        figures(perSet));
                if (best > bestObjective) {
                    bestObjective = best;
                    bestVariant = v;
                    bestL = l;
                    bestT = argmax;
                }
            }
            curve.put(v, objective);
        }
        double threshold = thresholds[bestT];
        double lambda = LAMBDAS[bestL];
        report.println();
        report.printf(Locale.ROOT, "Chosen: features **%s**, L2 **%s**, threshold **%.2f**.%n%n", bestVariant, fmt(lambda),
                threshold);
        report.println("Held-out figures of the chosen setting along the threshold (pairwise F1 / B-cubed F1 per set, pooled over its blocks):");
        report.println();
        report.println("| threshold | " + setHeader(sets) + " | all sets pooled |");
        report.println("|---|" + "---|".repeat(sets.size() + 1));
        for (int t = 0; t < thresholds.length; t++) {
            Map<String, String>[] folds = predictions.get(bestVariant)[bestL][t];
            report.printf(Locale.ROOT, "| %.2f | %s | %s |%n", thresholds[t], figures(pooled(sets, foldSet, foldIds, folds)),
                    pair(allPooled(foldSet, foldIds, folds)));
        }
        report.println();
        report.println("Per held-out block at the chosen setting:");
        report.println();
        report.println("| block | reports | pairwise P / R / F1 | B-cubed F1 |");
        report.println("|---|---|---|---|");
        for (int f = 0; f < foldNames.size(); f++) {
            Map<String, String> pred = predictions.get(bestVariant)[bestL][bestT][f];
            double[] s = figures(heldOut(pred, foldIds.get(f), foldSet.get(f).truth()));
            report.printf(Locale.ROOT, "| %s | %d | %.3f / %.3f / %.3f | %.3f |%n", foldNames.get(f), foldIds.get(f).size(),
                    s[2], s[3], s[0], s[1]);
        }
        double[] pooledAll = allPooled(foldSet, foldIds, predictions.get(bestVariant)[bestL][bestT]);
        report.println();
        report.printf(Locale.ROOT, "**Cross-validated, chosen setting:** %s; all sets pooled: pairwise F1 %.3f, B-cubed %.3f.%n%n",
                figures(pooled(sets, foldSet, foldIds, predictions.get(bestVariant)[bestL][bestT])), pooledAll[0], pooledAll[1]);

        // Cross-set: fit on one set, score the other.
        report.println("## Across sets (fit on one set, replay the other)");
        report.println();
        report.println("| fitted on | scored on | pairwise P / R / F1 | B-cubed F1 |");
        report.println("|---|---|---|---|");
        for (LabelledSet fitted : sets) {
            Rows rows = trainingRows(extractor, List.of(fitted));
            ConstrainedLogistic.Model m = fit(rows, lambda, VARIANTS.get(bestVariant));
            for (LabelledSet scored : sets) {
                if (scored != fitted) {
                    double[] s = score(replay(extractor, settings(m, threshold), scored.reports()), scored.truth());
                    report.printf(Locale.ROOT, "| %s | %s | %.3f / %.3f / %.3f | %.3f |%n", fitted.name(), scored.name(),
                            s[2], s[3], s[0], s[1]);
                }
            }
        }
        report.println();

        // The final model: all sets.
        Rows rows = trainingRows(extractor, sets);
        ConstrainedLogistic.Model m = fit(rows, lambda, VARIANTS.get(bestVariant));
        report.println("## Final model (fitted on all sets) in-sample");
        report.println();
        report.println("| set | pairwise P / R / F1 | B-cubed F1 |");
        report.println("|---|---|---|");
        for (LabelledSet set : sets) {
            double[] s = score(replay(extractor, settings(m, threshold), set.reports()), set.truth());
            report.printf(Locale.ROOT, "| %s (in-sample) | %.3f / %.3f / %.3f | %.3f |%n", set.name(), s[2], s[3], s[0], s[1]);
        }
        report.println();
        report.printf(Locale.ROOT, "%d training rows, mean log-loss %.4f.%n", rows.y().size(), m.logLoss());
        report.flush();
        writeModel(out, m, threshold, lambda, bestVariant, sets);
        String header = "# Matching model: cross-validation report\n\nWritten by `MatchModelTool refit` (refit.sh) on "
                + sets.stream().map(LabelledSet::name).toList() + ". Do not edit: rerun the refit.\n\n";
        Files.writeString(reportFile, header + text);
        System.out.print(text);
    }

    private static String setHeader(List<LabelledSet> sets) {
        return String.join(" | ", sets.stream().map(s -> s.name() + " F1 / B³").toList());
    }

    private static String fmt(double lambda) {
        return lambda == Math.rint(lambda) ? String.valueOf((long) lambda) : String.valueOf(lambda);
    }

    private static String pair(double[] s) {
        return String.format(Locale.ROOT, "%.3f / %.3f", s[0], s[1]);
    }

    private static String figures(List<double[]> perSet) {
        return String.join(" | ", perSet.stream().map(MatchModelTool::pair).toList());
    }

    private static double objective(List<double[]> perSet) {
        return perSet.stream().mapToDouble(s -> (s[0] + s[1]) / 2).average().orElse(0);
    }

    /**
     * The decisions of a held-out block in a replay of its whole set: counts for every pair with at least
     * one report of the block (correct pairs, predicted pairs, true pairs; a pair with a report of another
     * block counts half) and B-cubed precision and recall
     * summed over the block's reports, their predicted clusters taken whole. Counts of several blocks add up.
     */
    static double[] heldOut(Map<String, String> predicted, Set<String> held, Map<String, String> truth) {
        Map<String, List<String>> byCluster = new HashMap<>();
        Map<String, Integer> problemSize = new HashMap<>();
        predicted.forEach((id, c) -> {
            byCluster.computeIfAbsent(c, k -> new ArrayList<>()).add(id);
            problemSize.merge(truth.get(id), 1, Integer::sum);
        });
        double correct = 0;
        double predictedPairs = 0;
        double truePairs = 0;
        double bp = 0;
        double br = 0;
        for (String id : held) {
            List<String> cluster = byCluster.get(predicted.get(id));
            String problem = truth.get(id);
            long same = cluster.stream().filter(x -> truth.get(x).equals(problem)).count();
            bp += (double) same / cluster.size();
            br += (double) same / problemSize.get(problem);
            // Pairs (id, other): once when both are held out; half when the other belongs to another block,
            // whose own replay counts the other half (so the blocks of a set add up to whole-set figures).
            for (String other : cluster) {
                if (other.equals(id) || (held.contains(other) && id.compareTo(other) > 0)) {
                    continue;
                }
                double weight = held.contains(other) ? 1 : 0.5;
                predictedPairs += weight;
                if (truth.get(other).equals(problem)) {
                    correct += weight;
                }
            }
        }
        Map<String, Integer> heldPerProblem = new HashMap<>();
        held.forEach(id -> heldPerProblem.merge(truth.get(id), 1, Integer::sum));
        for (Map.Entry<String, Integer> e : heldPerProblem.entrySet()) {
            int h = e.getValue();
            int rest = problemSize.get(e.getKey()) - h;
            truePairs += (double) h * (h - 1) / 2 + 0.5 * h * rest;
        }
        return new double[] { correct, predictedPairs, truePairs, bp, br, held.size() };
    }

    /** Pairwise F1, B-cubed F1, pairwise precision and recall from summed {@link #heldOut} counts. */
    static double[] figures(double[] c) {
        double p = c[1] == 0 ? 1 : c[0] / c[1];
        double r = c[2] == 0 ? 1 : c[0] / c[2];
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        double bp = c[3] / c[5];
        double br = c[4] / c[5];
        return new double[] { f1, 2 * bp * br / (bp + br), p, r };
    }

    private static double[] sum(double[] a, double[] b) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    /** Per set: the decisions of all its held-out blocks together. */
    private static List<double[]> pooled(List<LabelledSet> sets, List<LabelledSet> foldSet, List<Set<String>> foldIds,
            Map<String, String>[] folds) {
        List<double[]> out = new ArrayList<>();
        for (LabelledSet set : sets) {
            double[] counts = new double[6];
            for (int f = 0; f < folds.length; f++) {
                if (foldSet.get(f) == set) {
                    counts = sum(counts, heldOut(folds[f], foldIds.get(f), set.truth()));
                }
            }
            out.add(figures(counts));
        }
        return out;
    }

    private static double[] allPooled(List<LabelledSet> foldSet, List<Set<String>> foldIds, Map<String, String>[] folds) {
        double[] counts = new double[6];
        for (int f = 0; f < folds.length; f++) {
            counts = sum(counts, heldOut(folds[f], foldIds.get(f), foldSet.get(f).truth()));
        }
        return figures(counts);
    }

    static Scorer.Settings settings(ConstrainedLogistic.Model m, double threshold) {
        Map<String, Double> weights = new HashMap<>();
        for (int j = 0; j < Scorer.FEATURES.size(); j++) {
            weights.put(Scorer.FEATURES.get(j), m.weights()[j]);
        }
        return new Scorer.Settings(threshold, weights, m.bias());
    }

    static ConstrainedLogistic.Model fit(Rows rows, double lambda, Set<String> variant) {
        List<String> names = Scorer.FEATURES;
        int d = names.size();
        double[] lo = new double[d];
        double[] hi = new double[d];
        boolean[] use = new boolean[d];
        for (int j = 0; j < d; j++) {
            String name = names.get(j);
            use[j] = variant.contains(name);
            lo[j] = NON_NEGATIVE.contains(name) ? 0 : CAPPED_NEGATIVE.contains(name) ? -CAP : -1e9;
            hi[j] = NON_POSITIVE.contains(name) || CAPPED_NEGATIVE.contains(name) ? 0 : 1e9;
            if (!CONSTRAINED) {
                lo[j] = -1e9;
                hi[j] = 1e9;
            }
        }
        List<ConstrainedLogistic.Linear> constraints = !CONSTRAINED ? List.of() : monotone();
        double[][] x = rows.x().toArray(new double[0][]);
        double[] y = rows.y().stream().mapToDouble(Double::doubleValue).toArray();
        return ConstrainedLogistic.fit(x, y, lambda, lo, hi, constraints, use);
    }

    /**
     * The linear constraints on the raw weights: the score never falls as the place agrees more (for every
     * combination of the products of place, the worst case of their other factor), as kind, family, words or
     * 4-grams agree more, or as pins come closer; and no cancelling weights.
     */
    static List<ConstrainedLogistic.Linear> monotone() {
        List<ConstrainedLogistic.Linear> out = new ArrayList<>();
        int k = PLACE_PRODUCTS.size();
        for (int subset = 1; subset < (1 << k); subset++) {
            Map<String, Double> c = new HashMap<>(Map.of("place", 1.0));
            for (int i = 0; i < k; i++) {
                if ((subset & (1 << i)) != 0) {
                    c.put(PLACE_PRODUCTS.get(i), 1.0);
                }
            }
            out.add(linear(c));
        }
        out.add(linear(Map.of("kind", 1.0, "placeXkind", 1.0)));
        out.add(linear(Map.of("text", 1.0, "placeXtext", 1.0)));
        out.add(linear(Map.of("grams", 1.0, "placeXgrams", 1.0)));
        out.add(linear(Map.of("family", 1.0, "placeXfamily", 1.0)));
        out.add(linear(Map.of("family", 1.0, "namedStreetXfamily", 1.0)));
        out.add(linear(Map.of("family", 1.0, "placeXfamily", 1.0, "namedStreetXfamily", 1.0)));
        out.add(linear(Map.of("namedStreet", 1.0, "namedStreetXfamily", 1.0)));
        out.add(linear(Map.of("distance", 1.0, "vagueXdistance", 1.0)));
        // Two pins 20 m apart (place 1, distance 1) score at least as high as naming the same street
        // (place 0.6, same street, the street named in both texts, with the same family).
        out.add(linear(Map.of("place", 0.4, "distance", 1.0, "sameStreet", -1.0, "namedStreet", -1.0,
                "namedStreetXfamily", -1.0)));
        // A house number four away (place 0.7) at least as high as one far away (0.35); the same number
        // (place ≥ 0.9) at least as high as one four away.
        out.add(linear(Map.of("place", 0.35, "nearNumber", 1.0)));
        out.add(linear(Map.of("place", 0.2, "sameNumber", 1.0, "nearNumber", -1.0)));
        return out;
    }

    private static ConstrainedLogistic.Linear linear(Map<String, Double> coefficients) {
        double[] a = new double[Scorer.FEATURES.size()];
        coefficients.forEach((name, c) -> a[Scorer.FEATURES.indexOf(name)] = c);
        return new ConstrainedLogistic.Linear(a);
    }

    /** Rows from the true-cluster replay, then the self replay under a first model fitted on those rows. */
    static Rows trainingRows(FeatureExtractor extractor, List<LabelledSet> sets) {
        Rows oracle = new Rows();
        for (LabelledSet set : sets) {
            oracle.addAll(oracleRows(extractor, set));
        }
        ConstrainedLogistic.Model first = fit(oracle, 30, VARIANTS.get("all"));
        Rows all = new Rows();
        all.addAll(oracle);
        for (LabelledSet set : sets) {
            all.addAll(selfRows(extractor, set, settings(first, SELF_THRESHOLD)));
        }
        return all;
    }

    private static Rows oracleRows(FeatureExtractor extractor, LabelledSet set) {
        Rows rows = new Rows();
        Engine engine = Engine.inMemory(extractor, Scorer.Settings.defaults());
        for (IncomingReport r : set.reports()) {
            String truth = set.truth().get(r.id());
            engine.candidateFeatures(r).forEach((cluster, x) -> add(rows, x, cluster.equals(truth)));
            engine.assign(r, truth);
        }
        return rows;
    }

    private static Rows selfRows(FeatureExtractor extractor, LabelledSet set, Scorer.Settings settings) {
        Rows rows = new Rows();
        Engine engine = Engine.inMemory(extractor, settings);
        Map<String, Map<String, Integer>> members = new HashMap<>();
        int n = 0;
        for (IncomingReport r : set.reports()) {
            String truth = set.truth().get(r.id());
            engine.candidateFeatures(r).forEach((cluster, x) -> {
                String majority = members.get(cluster).entrySet().stream().max(Map.Entry.comparingByValue())
                        .orElseThrow().getKey();
                add(rows, x, majority.equals(truth));
            });
            MatchResult d = engine.match(r);
            String cluster = d instanceof MatchResult.SameProblem same ? same.clusterId() : "s" + (++n);
            engine.assign(r, cluster);
            members.computeIfAbsent(cluster, k -> new HashMap<>()).merge(truth, 1, Integer::sum);
        }
        return rows;
    }

    private static void add(Rows rows, Map<String, Double> x, boolean same) {
        double[] v = new double[Scorer.FEATURES.size()];
        for (int j = 0; j < v.length; j++) {
            v[j] = x.getOrDefault(Scorer.FEATURES.get(j), 0.0);
        }
        rows.x().add(v);
        rows.y().add(same ? 1.0 : 0.0);
    }

    /** The whole engine over the reports in time order: the cluster of each report. */
    static Map<String, String> replay(FeatureExtractor extractor, Scorer.Settings settings, List<IncomingReport> reports) {
        Engine engine = Engine.inMemory(extractor, settings);
        Map<String, String> predicted = new HashMap<>();
        int n = 0;
        for (IncomingReport r : reports) {
            MatchResult d = engine.match(r);
            String cluster = d instanceof MatchResult.SameProblem same ? same.clusterId() : "c" + (++n);
            engine.assign(r, cluster);
            predicted.put(r.id(), cluster);
        }
        return predicted;
    }

    /** Contiguous time blocks of a set's problems, by first report, of about equal numbers of reports. */
    static List<Set<String>> blocks(LabelledSet set, int k) {
        Map<String, Instant> first = new LinkedHashMap<>();
        Map<String, List<String>> members = new HashMap<>();
        for (IncomingReport r : set.reports()) {
            String p = set.truth().get(r.id());
            first.putIfAbsent(p, r.receivedAt());
            members.computeIfAbsent(p, x -> new ArrayList<>()).add(r.id());
        }
        List<String> problems = new ArrayList<>(first.keySet());
        problems.sort(Comparator.comparing(first::get));
        List<Set<String>> blocks = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            blocks.add(new HashSet<>());
        }
        int total = set.reports().size();
        int seen = 0;
        for (String p : problems) {
            int block = Math.min(k - 1, (int) ((long) seen * k / total));
            blocks.get(block).addAll(members.get(p));
            seen += members.get(p).size();
        }
        return blocks;
    }

    private static void writeModel(Path out, ConstrainedLogistic.Model m, double threshold, double lambda, String variant,
            List<LabelledSet> sets) throws Exception {
        StringBuilder s = new StringBuilder();
        s.append("# Logistic model for \"is this report about this cluster's problem\". Written by MatchModelTool refit\n");
        s.append("# (api/src/test/resources/nl/hartslag/matching/refit.sh) from ").append(sets.stream().map(LabelledSet::name).toList())
                .append(": features '").append(variant).append("', L2 ").append(fmt(lambda))
                .append(" on standardised inputs, sign constraints and capped conflicts\n");
        s.append("# (docs/matching-model.md). Weights are per raw input (each in [0, 1]); a weight of 0 is an input not used.\n");
        s.append(String.format(Locale.ROOT, "threshold=%.3f%n", threshold));
        s.append(String.format(Locale.ROOT, "bias=%.4f%n", m.bias()));
        for (int j = 0; j < Scorer.FEATURES.size(); j++) {
            s.append(String.format(Locale.ROOT, "w.%s=%.4f%n", Scorer.FEATURES.get(j), m.weights()[j] == 0 ? 0.0 : m.weights()[j]));
        }
        Files.writeString(out, s.toString());
    }

    /** The reports of a labelled set in time order; {@code truth} receives each report's problem label as written. */
    static List<IncomingReport> load(Path file, Map<String, String> truth) throws Exception {
        LabelledSet set = load(file);
        String prefix = set.name() + ":";
        set.truth().forEach((id, problem) -> truth.put(id, problem.substring(prefix.length())));
        return set.reports();
    }

    static LabelledSet load(Path file) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        String name = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> row = json.readValue(line, Map.class);
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(r -> OffsetDateTime.parse((String) r.get("received_at")).toInstant()));
        List<IncomingReport> reports = new ArrayList<>();
        Map<String, String> truth = new HashMap<>();
        for (Map<String, Object> r : rows) {
            Double lat = r.get("lat") == null ? null : ((Number) r.get("lat")).doubleValue();
            Double lon = r.get("lon") == null ? null : ((Number) r.get("lon")).doubleValue();
            reports.add(new IncomingReport((String) r.get("id"),
                    OffsetDateTime.parse((String) r.get("received_at")).toInstant(), (String) r.get("channel"),
                    (String) r.get("text"), lat, lon, (String) r.get("address"), (String) r.get("category")));
            truth.put((String) r.get("id"), name + ":" + r.get("problem"));
        }
        return new LabelledSet(name, List.copyOf(reports), truth);
    }

    /** Pairwise F1, B-cubed F1, pairwise precision and recall, as shared/dedup/score.py computes them. */
    static double[] score(Map<String, String> predicted, Map<String, String> truth) {
        Map<String, List<String>> byProblem = new HashMap<>();
        Map<String, List<String>> byCluster = new HashMap<>();
        predicted.forEach((id, c) -> {
            byProblem.computeIfAbsent(truth.get(id), k -> new ArrayList<>()).add(id);
            byCluster.computeIfAbsent(c, k -> new ArrayList<>()).add(id);
        });
        long truePairs = 0;
        long predictedPairs = 0;
        long correct = 0;
        for (List<String> l : byProblem.values()) {
            truePairs += (long) l.size() * (l.size() - 1) / 2;
        }
        for (List<String> l : byCluster.values()) {
            predictedPairs += (long) l.size() * (l.size() - 1) / 2;
            Map<String, Integer> counts = new HashMap<>();
            l.forEach(id -> counts.merge(truth.get(id), 1, Integer::sum));
            for (int v : counts.values()) {
                correct += (long) v * (v - 1) / 2;
            }
        }
        double p = predictedPairs == 0 ? 1 : (double) correct / predictedPairs;
        double r = truePairs == 0 ? 1 : (double) correct / truePairs;
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        double bp = 0;
        double br = 0;
        for (String id : predicted.keySet()) {
            List<String> cluster = byCluster.get(predicted.get(id));
            List<String> problem = byProblem.get(truth.get(id));
            long same = cluster.stream().filter(x -> truth.get(x).equals(truth.get(id))).count();
            bp += (double) same / cluster.size();
            br += (double) same / problem.size();
        }
        bp /= predicted.size();
        br /= predicted.size();
        return new double[] { f1, 2 * bp * br / (bp + br), p, r };
    }
}
