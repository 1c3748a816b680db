package nl.hartslag.matching;

import java.io.FileReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nl.hartslag.db.seed.GazetteerCsv;
import tools.jackson.databind.json.JsonMapper;

/**
 * How {@code match-model.properties} is made: not a test, a tool (see the README, "Refitting the
 * matching model"). {@code features LABELLED.jsonl OUT.csv} replays the labelled reports in time
 * order twice — once with the true clusters, once with the engine's own clusters labelled by their
 * majority problem — and writes the model's inputs for every candidate cluster with the label
 * "same problem". {@code fit_model.py} fits the logistic model on that file. {@code evaluate
 * LABELLED.jsonl t1,t2,...} prints pairwise and B-cubed F1 for several thresholds.
 */
public final class MatchModelTool {

    private MatchModelTool() {
    }

    public static void main(String[] args) throws Exception {
        String gazetteer = System.getProperty("gazetteer", "../shared/data/gazetteer.csv");
        String places = System.getProperty("places", "../shared/data/places.csv");
        var streets = GazetteerCsv.readStreets(new FileReader(gazetteer));
        var named = GazetteerCsv.readPlaces(new FileReader(places));
        Map<String, String> truth = new HashMap<>();
        List<IncomingReport> reports = load(Path.of(args[1]), truth);
        switch (args[0]) {
            case "features" -> features(reports, truth, streets, named, Path.of(args[2]));
            case "evaluate" -> {
                for (String t : args[2].split(",")) {
                    Engine engine = Engine.inMemory(streets, named, Scorer.Settings.defaults().with("threshold",
                            Double.parseDouble(t)));
                    Map<String, String> predicted = new HashMap<>();
                    int n = 0;
                    for (IncomingReport r : reports) {
                        MatchResult d = engine.match(r);
                        String cluster = d instanceof MatchResult.SameProblem same ? same.clusterId() : "c" + (++n);
                        engine.assign(r, cluster);
                        predicted.put(r.id(), cluster);
                    }
                    engine.close();
                    double[] s = score(predicted, truth);
                    System.out.printf(Locale.ROOT, "threshold=%s pairwiseF1=%.3f bcubedF1=%.3f P=%.3f R=%.3f%n", t,
                            s[0], s[1], s[2], s[3]);
                }
            }
            default -> throw new IllegalArgumentException("features | evaluate");
        }
    }

    private static void features(List<IncomingReport> reports, Map<String, String> truth,
            List<GazetteerCsv.StreetSegment> streets, List<GazetteerCsv.NamedPlace> named, Path out) throws Exception {
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out))) {
            csv.println("report,label," + String.join(",", Scorer.FEATURES));
            Engine oracle = Engine.inMemory(streets, named, Scorer.Settings.defaults());
            for (IncomingReport r : reports) {
                oracle.candidateFeatures(r).forEach((cluster, x) -> row(csv, r, cluster.equals(truth.get(r.id())), x));
                oracle.assign(r, truth.get(r.id()));
            }
            Engine self = Engine.inMemory(streets, named, Scorer.Settings.defaults());
            Map<String, Map<String, Integer>> members = new HashMap<>();
            int n = 0;
            for (IncomingReport r : reports) {
                self.candidateFeatures(r).forEach((cluster, x) -> {
                    String majority = members.get(cluster).entrySet().stream().max(Map.Entry.comparingByValue())
                            .orElseThrow().getKey();
                    row(csv, r, majority.equals(truth.get(r.id())), x);
                });
                MatchResult d = self.match(r);
                String cluster = d instanceof MatchResult.SameProblem same ? same.clusterId() : "s" + (++n);
                self.assign(r, cluster);
                members.computeIfAbsent(cluster, k -> new HashMap<>()).merge(truth.get(r.id()), 1, Integer::sum);
            }
        }
    }

    private static void row(PrintWriter csv, IncomingReport r, boolean same, Map<String, Double> x) {
        StringBuilder line = new StringBuilder(r.id()).append(',').append(same ? 1 : 0);
        for (String f : Scorer.FEATURES) {
            line.append(',').append(String.format(Locale.ROOT, "%.4f", x.get(f)));
        }
        csv.println(line);
    }

    static List<IncomingReport> load(Path file, Map<String, String> truth) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
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
        for (Map<String, Object> r : rows) {
            Double lat = r.get("lat") == null ? null : ((Number) r.get("lat")).doubleValue();
            Double lon = r.get("lon") == null ? null : ((Number) r.get("lon")).doubleValue();
            reports.add(new IncomingReport((String) r.get("id"),
                    OffsetDateTime.parse((String) r.get("received_at")).toInstant(), (String) r.get("channel"),
                    (String) r.get("text"), lat, lon, (String) r.get("address"), (String) r.get("category")));
            truth.put((String) r.get("id"), String.valueOf(r.get("problem")));
        }
        return reports;
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
