package nl.hartslag.matching;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A live cluster in memory: its reports' features and the sums the scorer compares against. */
final class Cluster {

    final String id;
    final List<Features> members = new ArrayList<>();
    final Map<String, Double> concepts = new HashMap<>();
    final Map<String, Double> terms = new HashMap<>();
    final Map<String, Integer> categories = new HashMap<>();
    /** Reports a coordinator moved out: they never come back. */
    final Set<String> forbidden = new HashSet<>();
    Instant first;
    Instant last;

    Cluster(String id) {
        this.id = id;
    }

    private double termNorm = -1;
    private int termNormEpoch = Integer.MIN_VALUE;

    /** Squared IDF-weighted norm of the cluster's words, cached per IDF epoch. */
    double termNorm(java.util.function.ToDoubleFunction<String> idf, int epoch) {
        if (termNorm < 0 || termNormEpoch != epoch) {
            termNorm = Scorer.squaredNorm(terms, idf);
            termNormEpoch = epoch;
        }
        return termNorm;
    }

    private double[] recentTermNorms;
    private int recentTermNormsEpoch;
    private double[] recentKindNorms;

    /**
     * Squared IDF-weighted norms of the recent members' words ({@link #recentMembers}), cached per
     * IDF epoch: every new report is compared with each of them, and their words do not change.
     */
    double[] recentTermNorms(int limit, java.util.function.ToDoubleFunction<String> idf, int epoch) {
        List<Features> recent = recentMembers(limit);
        if (recentTermNorms == null || recentTermNormsEpoch != epoch || recentTermNorms.length != recent.size()) {
            double[] norms = new double[recent.size()];
            for (int i = 0; i < norms.length; i++) {
                norms[i] = Scorer.squaredNorm(recent.get(i).termVector(), idf);
            }
            recentTermNorms = norms;
            recentTermNormsEpoch = epoch;
        }
        return recentTermNorms;
    }

    /** Squared norms of the recent members' kinds of problem (unweighted), cached until a member joins. */
    double[] recentKindNorms(int limit) {
        List<Features> recent = recentMembers(limit);
        if (recentKindNorms == null || recentKindNorms.length != recent.size()) {
            double[] norms = new double[recent.size()];
            for (int i = 0; i < norms.length; i++) {
                norms[i] = Scorer.squaredNorm(recent.get(i).kindVector(), c -> 1.0);
            }
            recentKindNorms = norms;
        }
        return recentKindNorms;
    }

    private Map<String, Double> kindVector;
    private Map<String, Double> families;
    private Map<String, Double> memberFamilies;

    /** The most recent reports, newest last (members arrive in time order). */
    List<Features> recentMembers(int limit) {
        return members.size() <= limit ? members : members.subList(members.size() - limit, members.size());
    }

    Map<String, Double> kindVector() {
        if (kindVector == null) {
            Map<String, Double> v = new HashMap<>(concepts);
            v.keySet().removeAll(Scorer.PLACE_CONCEPTS);
            kindVector = v;
        }
        return kindVector;
    }

    Map<String, Double> families() {
        if (families == null) {
            families = Scorer.families(kindVector());
        }
        return families;
    }

    /** In how many reports each family of problem occurs (not how often). */
    Map<String, Double> memberFamilies() {
        if (memberFamilies == null) {
            Map<String, Double> v = new HashMap<>();
            for (Features m : members) {
                Scorer.families(m.kindVector()).keySet().forEach(f -> v.merge(f, 1.0, Double::sum));
            }
            memberFamilies = v;
        }
        return memberFamilies;
    }

    void add(Features f) {
        termNorm = -1;
        recentTermNorms = null;
        recentKindNorms = null;
        kindVector = null;
        families = null;
        memberFamilies = null;
        members.add(f);
        Instant t = f.report().receivedAt();
        first = first == null || t.isBefore(first) ? t : first;
        last = last == null || t.isAfter(last) ? t : last;
        f.concepts().forEach((c, n) -> concepts.merge(c, (double) n, Double::sum));
        f.terms().forEach((w, n) -> terms.merge(w, (double) n, Double::sum));
        if (f.report().category() != null) {
            categories.merge(f.report().category(), 1, Integer::sum);
        }
    }

    boolean remove(String reportId) {
        Features removed = null;
        for (Features f : members) {
            if (f.report().id().equals(reportId)) {
                removed = f;
            }
        }
        if (removed == null) {
            return false;
        }
        List<Features> rest = new ArrayList<>(members);
        rest.remove(removed);
        members.clear();
        concepts.clear();
        terms.clear();
        categories.clear();
        first = null;
        last = null;
        rest.forEach(this::add);
        return true;
    }

    String dominantCategory() {
        return categories.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** The most precise place any member gave, for display. */
    Place representativePlace() {
        Place best = null;
        for (Features f : members) {
            for (Place p : f.places()) {
                if (p.hasCoordinates() && (best == null || p.source().ordinal() < best.source().ordinal())) {
                    best = p;
                }
            }
        }
        return best;
    }

    String street() {
        for (Features f : members) {
            for (Place p : f.places()) {
                if (p.street() != null && p.source() != Place.Source.TYPED_ADDRESS) {
                    return p.street();
                }
            }
        }
        for (Features f : members) {
            for (Place p : f.places()) {
                if (p.street() != null) {
                    return p.street();
                }
            }
        }
        return null;
    }
}
