package nl.hartslag.matching;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How well the vocabulary recognises the kind of problem on a labelled set: not a test, a tool (see
 * {@code docs/vocabulary.md}). {@code KindCoverageTool LABELLED.jsonl [--missing]} prints, over all
 * pairs of reports of one problem, the share whose kinds of problem (lexicon concepts, place concepts
 * left out) share a concept and share a family, the share whose families conflict (both named a kind,
 * none in common), and the share of reports that name no kind at all. As a counterweight it prints the
 * share of pairs of different problems within 30 days that share a family: mapping everything to one
 * kind would raise the first figure and this one with it. {@code --pairs} counts the same-problem pairs
 * that share no family by their families (which kinds get confused), {@code --missing} lists the kindless
 * reports' texts, for reading which themes lack words (never to copy their phrases into the lexicon).
 */
public final class KindCoverageTool {

    private static final long THIRTY_DAYS = 30L * 24 * 3600;

    private KindCoverageTool() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> truth = new HashMap<>();
        List<IncomingReport> reports = MatchModelTool.load(Path.of(args[0]), truth);
        boolean missing = args.length > 1 && args[1].equals("--missing");
        FeatureExtractor extractor = SeedGazetteer.extractor();
        List<Set<String>> kinds = new ArrayList<>();
        List<Set<String>> families = new ArrayList<>();
        Map<String, Integer> familyCounts = new TreeMap<>();
        int kindless = 0;
        for (IncomingReport r : reports) {
            Map<String, Double> kind = extractor.extract(r).kindVector();
            kinds.add(kind.keySet());
            Set<String> f = Scorer.families(kind).keySet();
            families.add(f);
            f.forEach(x -> familyCounts.merge(x, 1, Integer::sum));
            if (kind.isEmpty()) {
                kindless++;
                if (missing) {
                    System.out.println("  no kind: " + r.text());
                }
            }
        }
        long same = 0;
        long sameConcept = 0;
        long sameFamily = 0;
        long conflict = 0;
        Map<String, Integer> conflicts = new TreeMap<>();
        Map<String, Integer> missed = new TreeMap<>();
        long other = 0;
        long otherFamily = 0;
        for (int i = 0; i < reports.size(); i++) {
            for (int j = i + 1; j < reports.size(); j++) {
                boolean shareFamily = !Collections.disjoint(families.get(i), families.get(j));
                if (truth.get(reports.get(i).id()).equals(truth.get(reports.get(j).id()))) {
                    same++;
                    sameConcept += Collections.disjoint(kinds.get(i), kinds.get(j)) ? 0 : 1;
                    sameFamily += shareFamily ? 1 : 0;
                    boolean both = !families.get(i).isEmpty() && !families.get(j).isEmpty();
                    conflict += !shareFamily && both ? 1 : 0;
                    if (!shareFamily) {
                        String key = new java.util.TreeSet<>(families.get(i)) + " / "
                                + new java.util.TreeSet<>(families.get(j));
                        (both ? conflicts : missed).merge(key, 1, Integer::sum);
                    }
                } else if (Math.abs(reports.get(i).receivedAt().getEpochSecond()
                        - reports.get(j).receivedAt().getEpochSecond()) <= THIRTY_DAYS) {
                    other++;
                    otherFamily += shareFamily ? 1 : 0;
                }
            }
        }
        System.out.printf(Locale.ROOT,
                "%s: %d reports, %d same-problem pairs: share a concept %.3f, share a family %.3f, "
                        + "families conflict %.3f; reports without a kind %.3f; "
                        + "different-problem pairs within 30 days sharing a family %.3f%n",
                args[0], reports.size(), same, sameConcept / (double) same, sameFamily / (double) same,
                conflict / (double) same, kindless / (double) reports.size(), otherFamily / (double) other);
        System.out.println("reports per family: " + familyCounts);
        if (args.length > 1 && args[1].equals("--pairs")) {
            System.out.println("same-problem pairs whose families conflict, by families:");
            conflicts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
                    .forEach(e -> System.out.println("  " + e.getValue() + "  " + e.getKey()));
            System.out.println("same-problem pairs where one names no kind:");
            missed.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.println("  " + e.getValue() + "  " + e.getKey()));
        }
    }
}
