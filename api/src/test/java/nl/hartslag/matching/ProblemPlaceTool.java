package nl.hartslag.matching;

import java.io.FileReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import nl.hartslag.db.seed.GazetteerCsv;

/**
 * Figures for docs/problem-place.md over a labelled set (dev.jsonl, train2.jsonl): per channel the
 * coverage flags the service stores per report, the sources of the problem places, and how often
 * two reports of one labelled problem agree on where it is, by problem place and by typed address.
 *
 * <pre>
 * java -cp "$CP" -Dgazetteer=../shared/data/gazetteer.csv -Dplaces=../shared/data/places.csv \
 *     nl.hartslag.matching.ProblemPlaceTool ../shared/dedup/dev.jsonl
 * </pre>
 */
public final class ProblemPlaceTool {

    private ProblemPlaceTool() {
    }

    public static void main(String[] args) throws Exception {
        var streets = GazetteerCsv.readStreets(new FileReader(System.getProperty("gazetteer", "../shared/data/gazetteer.csv")));
        var named = GazetteerCsv.readPlaces(new FileReader(System.getProperty("places", "../shared/data/places.csv")));
        for (String file : args) {
            Map<String, String> truth = new HashMap<>();
            List<IncomingReport> reports = MatchModelTool.load(Path.of(file), truth);
            Map<String, long[]> perChannel = new TreeMap<>();
            Map<String, Integer> sources = new TreeMap<>();
            Map<String, String> problemLabel = new HashMap<>();
            Map<String, String> typedLabel = new HashMap<>();
            try (MatchingEngine engine = MatchingEngine.inMemory(streets, named)) {
                for (IncomingReport r : reports) {
                    ReportReading reading = engine.read(r);
                    ProblemPlace p = reading.problemPlace();
                    long[] c = perChannel.computeIfAbsent(r.channel(), k -> new long[5]);
                    c[0]++;
                    c[1] += reading.kindWord() ? 0 : 1;
                    c[2] += p.known() ? 0 : 1;
                    c[3] += reading.typedAddress() ? 1 : 0;
                    c[4] += reading.typedAddress() && !reading.typedAddressParsed() ? 1 : 0;
                    sources.merge(p.source(), 1, Integer::sum);
                    String where = p.namedPlace() != null ? p.namedPlace() : p.street();
                    if (where != null) {
                        problemLabel.put(r.id(), where);
                    }
                    ProblemPlace typedOnly = engine.read(new IncomingReport(r.id() + "-typed", r.receivedAt(),
                            r.channel(), "", null, null, r.address(), null)).problemPlace();
                    if (typedOnly.street() != null) {
                        typedLabel.put(r.id(), typedOnly.street());
                    }
                }
            }
            System.out.println(file);
            System.out.println("channel  reports  no-kind-word  no-place  typed  unparsed-typed");
            perChannel.forEach((channel, c) -> System.out.printf(Locale.ROOT, "%-8s %7d  %12s  %8s  %5d  %14s%n",
                    channel, c[0], pct(c[1], c[0]), pct(c[2], c[0]), c[3], pct(c[4], c[3])));
            System.out.println("problem place sources: " + sources);
            System.out.println("same-problem pairs agreeing on where: " + agreement(reports, truth, problemLabel)
                    + " by problem place; " + agreement(reports, truth, typedLabel) + " by typed address");
        }
    }

    /** Of the same-problem pairs where both reports have a label, the share with the same label. */
    private static String agreement(List<IncomingReport> reports, Map<String, String> truth, Map<String, String> label) {
        long both = 0;
        long same = 0;
        List<IncomingReport> all = new ArrayList<>(reports);
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                String a = all.get(i).id();
                String b = all.get(j).id();
                if (truth.get(a).equals(truth.get(b)) && label.containsKey(a) && label.containsKey(b)) {
                    both++;
                    same += label.get(a).equals(label.get(b)) ? 1 : 0;
                }
            }
        }
        return pct(same, both) + " of " + both;
    }

    private static String pct(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
