package nl.hartslag.matching;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Scores a report against a live cluster. It measures place (named places, street and house
 * number, distance between precise coordinates, conflicts), kind of problem (nuisance concepts
 * and their families), telling words (TF-IDF cosine), category and time, and combines them with a
 * logistic model whose weights were fitted on the labelled development set
 * ({@code match-model.properties}; how: README, "Matching"). The result is the probability that
 * the report is about the cluster's problem; above the threshold it joins.
 */
final class Scorer {

    static final Duration LIVE = Duration.ofDays(30);

    /** The model's inputs, in order. Names are the keys in match-model.properties. */
    static final List<String> FEATURES = List.of("place", "samePlace", "placeConflict", "sameNumber",
            "nearNumber", "numberConflict", "sameStreet", "streetConflict", "distance", "noPlace",
            "kind", "family", "text", "informative", "sameCategory", "categoryConcepts", "gap", "size",
            "placeXkind", "placeXtext", "placeXfamily", "vagueXplace", "textMax", "kindMax", "familyConflict",
            "grams", "placeXgrams", "near3days", "vagueXdistance", "namedStreet", "namedStreetXfamily",
            "followUp", "followUpXplace", "followUpLatest", "disputeNeighbours", "addressKindConflict", "pinsApart",
            "homePlace", "placeShare");

    /** From this place score on, two reports are "at the same place" (same street and more, or within ~100 m). */
    static final double SAME_PLACE = 0.6;

    record Settings(double threshold, Map<String, Double> weights, double bias) {

        static Settings defaults() {
            Properties model = new Properties();
            try (InputStream in = Scorer.class.getResourceAsStream("match-model.properties")) {
                model.load(in);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("match-model.properties is missing", e);
            }
            Map<String, Double> weights = new HashMap<>();
            for (String name : FEATURES) {
                weights.put(name, Double.parseDouble(model.getProperty("w." + name, "0")));
            }
            return new Settings(Double.parseDouble(model.getProperty("threshold")), weights,
                    Double.parseDouble(model.getProperty("bias")));
        }

        Settings with(String name, double value) {
            if (name.equals("threshold")) {
                return new Settings(value, weights, bias);
            }
            if (name.equals("bias")) {
                return new Settings(threshold, weights, value);
            }
            Map<String, Double> w = new HashMap<>(weights);
            w.put(name, value);
            return new Settings(threshold, w, bias);
        }
    }

    /** How many of a cluster's most recent reports a new one is compared with one by one. */
    static final int RECENT_MEMBERS = 12;

    /** Concepts that say what kind of place, not what kind of problem: place is scored on its own. */
    static final Set<String> PLACE_CONCEPTS = Set.of("qqplayground", "qqbusstop", "qqpark", "qqflat",
            "qqschool", "qqshops", "qqcommunity", "qqgreen", "qqneighbour", "qqnight");

    /** Kinds of problem that belong together (nuisance-kinds.txt, beside the lexicon). */
    private static final Map<String, String> FAMILY = NuisanceKinds.families();

    private record PlaceMatch(double score, Double metres, String basis, boolean samePlace, boolean placeConflict,
            boolean sameNumber, boolean nearNumber, boolean numberConflict, boolean sameStreet,
            boolean streetConflict, double distance, boolean bothPrecise, boolean adjacentNumber, double home,
            double share) {
    }

    private final Settings settings;
    private final ToDoubleFunction<String> idf;
    private final java.util.function.IntSupplier idfEpoch;

    Scorer(Settings settings, ToDoubleFunction<String> idf) {
        this(settings, idf, () -> 0);
    }

    Scorer(Settings settings, ToDoubleFunction<String> idf, java.util.function.IntSupplier idfEpoch) {
        this.settings = settings;
        this.idf = idf;
        this.idfEpoch = idfEpoch;
    }

    Settings settings() {
        return settings;
    }

    MatchExplanation score(Features report, Cluster cluster) {
        return explain(report, cluster, inputs(report, cluster));
    }

    /** The model's inputs for one report and one cluster, with what the explanation shows of the place. */
    record Inputs(Map<String, Double> x, String placeBasis, Double metres) {
    }

    Inputs inputs(Features report, Cluster cluster) {
        List<Features> recent = cluster.recentMembers(RECENT_MEMBERS);
        PlaceMatch place = place(report, cluster, recent);
        return new Inputs(features(report, cluster, recent, place), place.basis(), place.metres());
    }

    /**
     * The probability alone, summed exactly as {@link #explain} sums it: deciding needs only the best
     * candidate's explanation, and building contributions, shared words and Dutch reasons for every
     * candidate was the engine's largest own cost under a flood.
     */
    double probability(Inputs inputs) {
        Map<String, Double> x = inputs.x();
        double z = settings.bias();
        for (String name : FEATURES) {
            z += settings.weights().getOrDefault(name, 0.0) * x.getOrDefault(name, 0.0);
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** The probability, with the contributions of the inputs (weight × value) and reasons in plain Dutch. */
    MatchExplanation explain(Features report, Cluster cluster, Inputs inputs) {
        Map<String, Double> x = inputs.x();
        double z = settings.bias();
        List<MatchExplanation.Contribution> contributions = new ArrayList<>();
        for (String name : FEATURES) {
            double w = settings.weights().getOrDefault(name, 0.0);
            double v = x.getOrDefault(name, 0.0);
            z += w * v;
            if (w * v != 0) {
                contributions.add(new MatchExplanation.Contribution(name, v, w));
            }
        }
        contributions.sort(Comparator.comparingDouble((MatchExplanation.Contribution c) -> -Math.abs(c.effect())));
        double probability = 1 / (1 + Math.exp(-z));
        Duration gap = Duration.between(cluster.last, report.report().receivedAt());
        gap = gap.isNegative() ? Duration.ZERO : gap;
        String category = report.report().category();
        boolean sameKind = category != null && category.equals(cluster.dominantCategory());
        List<String> shared = sharedTerms(report, cluster);
        return new MatchExplanation(cluster.id, probability, settings.threshold(), inputs.metres(),
                x.getOrDefault("text", 0.0), shared, gap, sameKind, inputs.placeBasis(), contributions,
                Reasons.of(contributions, inputs.placeBasis(), inputs.metres(), gap));
    }

    /** What a report contributes to every comparison, worked out once per report, not per cluster. */
    private record ReportSide(Features report, Map<String, Double> families, Map<String, Double> category) {
    }

    private volatile ReportSide lastReport;

    private ReportSide reportSide(Features report) {
        ReportSide side = lastReport;
        if (side == null || side.report() != report) {
            Map<String, Double> category = new HashMap<>();
            report.categoryConcepts().forEach(c -> category.merge(FAMILY.getOrDefault(c, c), 1.0, Double::sum));
            side = new ReportSide(report, families(report.kindVector()), category);
            lastReport = side;
        }
        return side;
    }

    /** The model's inputs for one report and one cluster, each in [0, 1]. */
    Map<String, Double> features(Features report, Cluster cluster) {
        return inputs(report, cluster).x();
    }

    private Map<String, Double> features(Features report, Cluster cluster, List<Features> recent, PlaceMatch place) {
        boolean noPlace = report.places().isEmpty() || recent.stream().allMatch(m -> m.places().isEmpty());
        Map<String, Double> reportConcepts = report.kindVector();
        Map<String, Double> clusterConcepts = cluster.kindVector();
        double kind = cosine(reportConcepts, clusterConcepts, c -> 1.0);
        ReportSide side = reportSide(report);
        Map<String, Double> reportFamilies = side.families();
        Map<String, Double> clusterFamilies = cluster.families();
        double family = cosine(reportFamilies, clusterFamilies, c -> 1.0);
        Map<String, Double> reportTerms = report.termVector();
        // A big cluster has many words: its weighted norm is computed once per IDF epoch, not per report.
        double text = cosine(reportTerms, cluster.terms, idf, cluster.termNorm(idf, idfEpoch.getAsInt()));
        double informative = report.informativeness();
        String category = report.report().category();
        boolean sameCategory = category != null && category.equals(cluster.dominantCategory());
        Map<String, Double> categoryConcepts = cluster.memberFamilies();
        double categoryFit = cosine(side.category(), categoryConcepts, c -> 1.0);
        double gapDays = Math.max(0, Duration.between(cluster.last, report.report().receivedAt()).toHours() / 24.0);

        Map<String, Double> x = new HashMap<>();
        x.put("place", place.score());
        x.put("samePlace", flag(place.samePlace()));
        x.put("placeConflict", flag(place.placeConflict()));
        x.put("sameNumber", flag(place.sameNumber()));
        x.put("nearNumber", flag(place.nearNumber()));
        x.put("numberConflict", flag(place.numberConflict()));
        x.put("sameStreet", flag(place.sameStreet()));
        x.put("streetConflict", flag(place.streetConflict()));
        x.put("distance", place.distance());
        x.put("noPlace", flag(noPlace));
        x.put("kind", kind);
        x.put("family", family);
        x.put("text", text);
        x.put("informative", informative);
        x.put("sameCategory", flag(sameCategory));
        x.put("categoryConcepts", categoryFit);
        x.put("gap", Math.min(1.0, gapDays / 30.0));
        x.put("size", Math.min(1.0, Math.log(cluster.members.size()) / Math.log(16)));
        x.put("placeXkind", place.score() * kind);
        x.put("placeXtext", place.score() * text);
        x.put("placeXfamily", place.score() * family);
        x.put("vagueXplace", (1 - informative) * place.score());
        // The closest single report, not only the cluster as a whole.
        double textMax = 0;
        double kindMax = 0;
        double grams = 0;
        // recent is always cluster.recentMembers(RECENT_MEMBERS): their norms are cached by the cluster.
        double[] termNorms = cluster.recentTermNorms(RECENT_MEMBERS, idf, idfEpoch.getAsInt());
        double[] kindNorms = cluster.recentKindNorms(RECENT_MEMBERS);
        for (int i = 0; i < recent.size(); i++) {
            Features member = recent.get(i);
            textMax = Math.max(textMax, cosine(reportTerms, member.termVector(), idf, termNorms[i]));
            kindMax = Math.max(kindMax, cosine(reportConcepts, member.kindVector(), c -> 1.0, kindNorms[i]));
            grams = Math.max(grams, Features.gramSimilarity(report.grams(), member.grams()));
        }
        Map<String, Double> rf = reportFamilies;
        Map<String, Double> cf = clusterFamilies;
        boolean familyConflict = !rf.isEmpty() && !cf.isEmpty() && Collections.disjoint(rf.keySet(), cf.keySet());
        x.put("textMax", textMax);
        x.put("kindMax", kindMax);
        x.put("familyConflict", flag(familyConflict));
        x.put("grams", grams);
        x.put("placeXgrams", place.score() * grams);
        x.put("near3days", flag(gapDays <= 3));
        x.put("vagueXdistance", (1 - informative) * place.distance());
        // Street-wide problems (speeding, lighting) are named by street, wherever the reporter stands.
        Set<String> reportStreets = textStreets(report);
        boolean namedStreet = recent.stream().anyMatch(m -> !Collections.disjoint(reportStreets, textStreets(m)));
        x.put("namedStreet", flag(namedStreet));
        x.put("namedStreetXfamily", namedStreet ? family : 0);
        // "Weer!!", "nog steeds": no kind words, but an update of the problem at this place. The engine
        // keeps followUpLatest only for the most recently active candidate at the same place.
        double followUp = report.followUp();
        boolean atPlace = place.score() >= SAME_PLACE;
        x.put("followUp", followUp);
        x.put("followUpXplace", followUp * place.score() * Math.max(0, 1 - gapDays / 14.0));
        x.put("followUpLatest", atPlace ? followUp : 0);
        // What only the reporters' typed addresses agree on (probably their homes) counts apart from the
        // problem's place; and how many of the cluster's recent reports are at the report's place (a
        // cluster that met the report's place through one stray member is not the problem there).
        x.put("homePlace", place.home());
        x.put("placeShare", place.share());
        // Both parties of a neighbour dispute live next door to each other, and both report the other.
        x.put("disputeNeighbours", flag(place.adjacentNumber() && dispute(report) && dispute(cluster)));
        // The same address, another kind of problem: the junk in the front garden is not the party.
        x.put("addressKindConflict", flag(place.sameNumber() && familyConflict));
        // Two pins that say "far apart" are evidence, unlike no pins at all: 0 within 40 m, 1 beyond 500 m.
        x.put("pinsApart", place.bothPrecise() ? 1 - place.distance() : 0);
        return x;
    }

    /** Cross-candidate inputs: only the most recently active cluster at the report's place takes a follow-up. */
    static void keepLatestFollowUp(List<Cluster> clusters, List<Map<String, Double>> inputs) {
        int latest = -1;
        for (int i = 0; i < clusters.size(); i++) {
            if (inputs.get(i).getOrDefault("followUpLatest", 0.0) > 0
                    && (latest < 0 || clusters.get(i).last.isAfter(clusters.get(latest).last))) {
                latest = i;
            }
        }
        for (int i = 0; i < clusters.size(); i++) {
            if (i != latest) {
                inputs.get(i).put("followUpLatest", 0.0);
            }
        }
    }

    private static final Set<String> DISPUTE = Set.of("qqdispute", "qqneighbour");

    private static boolean dispute(Features f) {
        return "neighbour_dispute".equals(f.report().category()) || f.concepts().keySet().stream().anyMatch(DISPUTE::contains);
    }

    private static boolean dispute(Cluster c) {
        return c.categories.containsKey("neighbour_dispute") || c.concepts.keySet().stream().anyMatch(DISPUTE::contains);
    }

    private static double flag(boolean b) {
        return b ? 1.0 : 0.0;
    }

    private PlaceMatch place(Features report, Cluster cluster, List<Features> recent) {
        double best = 0;
        Double bestMetres = null;
        double bestPrecise = Double.MAX_VALUE;
        String basis = "geen plaats";
        boolean samePlace = false;
        boolean otherPlace = false;
        boolean sameNumber = false;
        boolean nearNumber = false;
        boolean otherNumber = false;
        boolean adjacentNumber = false;
        boolean sameStreet = false;
        Set<String> reportStreets = textStreets(report);
        Set<String> clusterStreets = new HashSet<>();
        recent.forEach(m -> clusterStreets.addAll(textStreets(m)));
        boolean streetConflict = !reportStreets.isEmpty() && !clusterStreets.isEmpty()
                && Collections.disjoint(reportStreets, clusterStreets);
        boolean reportElsewhere = saysWhereElse(report);
        // A web pin is the spot or the reporter's home: when the words say where, they win (as for the
        // problem place) and the pin counts as a home, neither as agreement nor as "far apart".
        boolean reportWords = saysWhereInWords(report);
        double bestHome = 0;
        int atPlace = 0;
        for (Features member : recent) {
            boolean memberElsewhere = saysWhereElse(member);
            boolean memberWords = saysWhereInWords(member);
            // How far apart the two problems are, not two homes: a pin that counts as a home is left out.
            double apart = preciseDistance(report, member, reportWords, memberWords);
            double memberBest = 0;
            for (Place a : report.places()) {
                for (Place b : member.places()) {
                    // A typed address beside other evidence of where is most likely the reporter's home:
                    // it counts as homePlace, not as the problem's place. Next-door homes still tell
                    // the two parties of a neighbour dispute.
                    boolean home = (reportElsewhere && a.source() == Place.Source.TYPED_ADDRESS)
                            || (memberElsewhere && b.source() == Place.Source.TYPED_ADDRESS)
                            || (reportWords && a.source() == Place.Source.PIN)
                            || (memberWords && b.source() == Place.Source.PIN);
                    if (home) {
                        bestHome = Math.max(bestHome, homeScore(a, b, apart));
                        if (a.street() != null && a.street().equals(b.street()) && apart <= 400
                                && a.houseNumber() > 0 && b.houseNumber() > 0) {
                            int diff = Math.abs(a.houseNumber() - b.houseNumber());
                            adjacentNumber |= diff > 0 && diff <= 2;
                        }
                        continue;
                    }
                    double s = 0;
                    String why = null;
                    if (a.namedPlace() != null && b.namedPlace() != null) {
                        if (a.namedPlace().equals(b.namedPlace())) {
                            s = 1.0;
                            why = a.namedPlace();
                            samePlace = true;
                        } else {
                            otherPlace = true;
                        }
                    }
                    if (a.street() != null && a.street().equals(b.street()) && apart <= 400) {
                        sameStreet = true;
                        if (a.houseNumber() > 0 && b.houseNumber() > 0) {
                            int diff = Math.abs(a.houseNumber() - b.houseNumber());
                            boolean bothText = a.source() == Place.Source.TEXT_ADDRESS
                                    && b.source() == Place.Source.TEXT_ADDRESS;
                            if (diff == 0) {
                                s = Math.max(s, bothText ? 1.0 : 0.9);
                                sameNumber = true;
                            } else if (diff <= 4) {
                                s = Math.max(s, 0.7);
                                nearNumber = true;
                                // Next door: the same side (two apart) or a street numbered straight on.
                                adjacentNumber |= diff <= 2;
                            } else {
                                s = Math.max(s, 0.35);
                                otherNumber |= bothText;
                            }
                            why = why == null ? a.street() + " " + a.houseNumber() : why;
                        } else {
                            s = Math.max(s, 0.6);
                            why = why == null ? a.street() : why;
                        }
                    }
                    if (a.hasCoordinates() && b.hasCoordinates() && (a.precise() || b.precise())) {
                        double d = metres(a.lat(), a.lon(), b.lat(), b.lon());
                        if (a.precise() && b.precise()) {
                            bestPrecise = Math.min(bestPrecise, d);
                        }
                        // A street's coordinate is only its segment's middle: trust it less.
                        double byDistance = distanceScore(d) * (a.precise() && b.precise() ? 1.0 : 0.6);
                        if (bestMetres == null || d < bestMetres) {
                            bestMetres = d;
                        }
                        if (byDistance > s) {
                            s = byDistance;
                            why = Math.round(d) + " m";
                        }
                    }
                    memberBest = Math.max(memberBest, s);
                    if (s > best) {
                        best = s;
                        basis = why;
                    }
                }
            }
            if (memberBest >= SAME_PLACE) {
                atPlace++;
            }
        }
        boolean bothPrecise = bestPrecise != Double.MAX_VALUE;
        return new PlaceMatch(best, bestMetres, basis, samePlace, otherPlace && !samePlace, sameNumber, nearNumber,
                otherNumber && !sameNumber, sameStreet, streetConflict && !sameNumber && !samePlace,
                bothPrecise ? distanceScore(bestPrecise) : 0, bothPrecise, adjacentNumber, Math.max(0, bestHome - best),
                recent.isEmpty() ? 0 : (double) atPlace / recent.size());
    }

    /** Whether a report says where apart from its typed address (words, a landmark, a pin, a map link). */
    private static boolean saysWhereElse(Features f) {
        for (Place p : f.places()) {
            if (p.source() != Place.Source.TYPED_ADDRESS) {
                return true;
            }
        }
        return false;
    }

    /** Whether a report's words say where (a street, a number, a landmark, a corner, a map link in the text). */
    private static boolean saysWhereInWords(Features f) {
        for (Place p : f.places()) {
            if (p.source() != Place.Source.TYPED_ADDRESS && p.source() != Place.Source.PIN) {
                return true;
            }
        }
        return false;
    }

    /** Place agreement of a pair of which one is a reporter's home: the same grades as the problem's place. */
    private static double homeScore(Place a, Place b, double apart) {
        double s = 0;
        if (a.street() != null && a.street().equals(b.street()) && apart <= 400) {
            if (a.houseNumber() > 0 && b.houseNumber() > 0) {
                int diff = Math.abs(a.houseNumber() - b.houseNumber());
                s = diff == 0 ? 0.9 : diff <= 4 ? 0.7 : 0.35;
            } else {
                s = 0.6;
            }
        }
        if (a.hasCoordinates() && b.hasCoordinates() && (a.precise() || b.precise())) {
            double d = metres(a.lat(), a.lon(), b.lat(), b.lon());
            s = Math.max(s, distanceScore(d) * (a.precise() && b.precise() ? 1.0 : 0.6));
        }
        return s;
    }

    /** Streets a report names in its text (not the typed address, often the reporter's own). */
    static Set<String> textStreets(Features f) {
        Set<String> streets = new HashSet<>();
        for (Place p : f.places()) {
            if (p.street() != null && (p.source() == Place.Source.TEXT_ADDRESS || p.source() == Place.Source.TEXT_STREET)) {
                streets.add(p.street());
            }
        }
        return streets;
    }

    /**
     * Distance between the precise coordinates of two reports, or 0 when either has none; a side whose
     * words say where leaves its pin out (it may be the reporter's home).
     */
    private static double preciseDistance(Features a, Features b, boolean aWords, boolean bWords) {
        double min = Double.MAX_VALUE;
        for (Place p : a.places()) {
            for (Place q : b.places()) {
                boolean home = (aWords && p.source() == Place.Source.PIN) || (bWords && q.source() == Place.Source.PIN);
                if (p.precise() && q.precise() && !home) {
                    min = Math.min(min, metres(p.lat(), p.lon(), q.lat(), q.lon()));
                }
            }
        }
        return min == Double.MAX_VALUE ? 0 : min;
    }

    static double distanceScore(double d) {
        if (d <= 40) {
            return 1.0;
        }
        if (d <= 150) {
            return 1.0 - (d - 40) / 110 * 0.35;
        }
        if (d <= 300) {
            return 0.65 - (d - 150) / 150 * 0.45;
        }
        if (d <= 500) {
            return 0.2 - (d - 300) / 200 * 0.2;
        }
        return 0;
    }

    static Map<String, Double> families(Map<String, Double> concepts) {
        Map<String, Double> out = new HashMap<>();
        concepts.forEach((c, w) -> out.merge(FAMILY.getOrDefault(c, c), w, Double::sum));
        return out;
    }

    private List<String> sharedTerms(Features report, Cluster cluster) {
        List<String> shared = new ArrayList<>();
        report.concepts().keySet().stream().filter(cluster.concepts::containsKey)
                .map(c -> c.substring(NuisanceAnalysis.CONCEPT_PREFIX.length())).forEach(shared::add);
        report.terms().keySet().stream().filter(cluster.terms::containsKey)
                .sorted(Comparator.comparingDouble(idf::applyAsDouble).reversed()).limit(6).forEach(shared::add);
        return shared;
    }

    private static double cosine(Map<String, Double> a, Map<String, Double> b, ToDoubleFunction<String> weight,
            double normB) {
        if (a.isEmpty() || b.isEmpty() || normB == 0) {
            return 0;
        }
        double dot = 0;
        double na = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            double w = weight.applyAsDouble(e.getKey());
            double x = e.getValue() * w;
            na += x * x;
            Double y = b.get(e.getKey());
            if (y != null) {
                dot += x * y * w;
            }
        }
        return na == 0 ? 0 : dot / Math.sqrt(na * normB);
    }

    /** Squared norm of a weighted vector. */
    static double squaredNorm(Map<String, Double> v, ToDoubleFunction<String> weight) {
        double n = 0;
        for (Map.Entry<String, Double> e : v.entrySet()) {
            double y = e.getValue() * weight.applyAsDouble(e.getKey());
            n += y * y;
        }
        return n;
    }

    private static double cosine(Map<String, Double> a, Map<String, Double> b, ToDoubleFunction<String> weight) {
        return cosine(a, b, weight, squaredNorm(b, weight));
    }

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        return 6_371_000 * Math.sqrt(dLat * dLat + dLon * dLon);
    }
}
