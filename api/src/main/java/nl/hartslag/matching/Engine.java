package nl.hartslag.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LatLonPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;

/**
 * The engine behind {@link MatchingEngine}. Live clusters are kept in memory with a coarse grid,
 * street and named-place lookup for finding candidates; every report is also a document in a
 * Lucene index (near-real-time, on disk for the service) that holds what is needed to rebuild the
 * live clusters after a restart.
 */
final class Engine {

    /** Clusters quiet for longer than this cannot come back to life and leave memory. */
    private static final Duration KEEP = Duration.ofDays(35);
    /** At most this many candidate clusters get the full score; the rest are ranked out cheaply first. */
    private static final int MAX_SCORED = 40;
    /** Grid cells of about 220 × 210 m: the 3 × 3 around a report reach some 300 m in every direction. */
    private static final double CELL_LAT = 0.002;
    private static final double CELL_LON = 0.003;

    private final FeatureExtractor extractor;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Scorer scorer;

    private final Map<String, Cluster> clusters = new HashMap<>();
    private final Map<String, String> clusterOf = new HashMap<>();
    private final Map<String, String> mergedInto = new HashMap<>();
    private final Map<Long, Set<String>> grid = new HashMap<>();
    private final Map<String, Set<String>> byStreet = new HashMap<>();
    private final Map<String, Set<String>> byNamedPlace = new HashMap<>();
    /** Clusters by a house number their reports name in the text ("Beukstraat#23"), for a bare "nummer 23". */
    private final Map<String, Set<String>> byAddress = new HashMap<>();
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final Map<String, Features> recentlyExtracted = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Features> eldest) {
            return size() > 64;
        }
    };
    /**
     * Reports written to the index since the searcher was last refreshed: {@link #contains} answers
     * for them without reopening the near-real-time reader (a reopen per decision was the cost of
     * every live decision). Cleared whenever the searcher is refreshed.
     */
    private final Set<String> unrefreshed = new HashSet<>();
    private int documents;
    private int indexed;
    private Instant newest = Instant.EPOCH;
    private boolean dirty;

    private Engine(Directory directory, List<StreetSegment> streets, List<NamedPlace> places, boolean reload)
            throws IOException {
        this(directory, streets, places, reload, Scorer.Settings.defaults());
    }

    private Engine(Directory directory, List<StreetSegment> streets, List<NamedPlace> places, boolean reload,
            Scorer.Settings settings) throws IOException {
        this(directory, new FeatureExtractor(streets, places), reload, settings);
    }

    private Engine(Directory directory, FeatureExtractor extractor, boolean reload, Scorer.Settings settings)
            throws IOException {
        this.extractor = extractor;
        this.directory = directory;
        IndexWriterConfig config = new IndexWriterConfig(extractor.analysis().contentAnalyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setRAMBufferSizeMB(32);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
        this.scorer = new Scorer(settings, this::idf, this::idfEpoch);
        if (reload) {
            try {
                reload();
            } catch (IOException | RuntimeException damaged) {
                // Release the write lock, or the caller's fresh start would find it still held.
                searchers.close();
                writer.rollback();
                throw damaged;
            }
        }
    }

    static Engine inMemory(List<StreetSegment> streets, List<NamedPlace> places) {
        try {
            return new Engine(new ByteBuffersDirectory(), streets, places, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tuning: an in-memory engine with other settings, sharing an extractor between runs. */
    static Engine inMemory(FeatureExtractor extractor, Scorer.Settings settings) {
        try {
            return new Engine(new ByteBuffersDirectory(), extractor, false, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tuning: an in-memory engine with other settings. */
    static Engine inMemory(List<StreetSegment> streets, List<NamedPlace> places, Scorer.Settings settings) {
        try {
            return new Engine(new ByteBuffersDirectory(), streets, places, false, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The index in {@code path}, readable by the service's user only (0700, files 0600). */
    static Engine onDisk(Path path, List<StreetSegment> streets, List<NamedPlace> places) throws IOException {
        try {
            return new Engine(OwnerOnlyDirectory.open(path), streets, places, true);
        } catch (IOException | RuntimeException unreadable) {
            // A damaged index is not the system of record: empty it; the caller replays PostgreSQL.
            deleteContents(path);
            return new Engine(OwnerOnlyDirectory.open(path), streets, places, false);
        }
    }

    MatchResult match(IncomingReport report) {
        Features features = extract(report);
        MatchExplanation best = bestCandidate(features);
        if (best != null && best.score() >= best.threshold()) {
            return new MatchResult.SameProblem(best.clusterId(), best);
        }
        return new MatchResult.NewProblem(Optional.ofNullable(best));
    }

    /**
     * New streets or named places (a coordinator added a landmark): reports are read against them
     * from now on, and the live clusters' reports are read again, so a report naming the landmark
     * meets the earlier ones that named it before it was known. The document frequencies of words
     * stay as counted (a landmark's words now count as place, not content, in new reports only).
     */
    void updatePlaces(List<StreetSegment> streets, List<NamedPlace> places) {
        extractor.updatePlaces(streets, places);
        recentlyExtracted.clear();
        List<Cluster> live = new ArrayList<>(clusters.values());
        live.forEach(this::unindexCluster);
        for (Cluster old : live) {
            Cluster fresh = new Cluster(old.id);
            fresh.forbidden.addAll(old.forbidden);
            for (Features member : old.members) {
                IncomingReport report = member.report();
                fresh.add(extractor.extract(report, houseNumbers(report.receivedAt())));
            }
            clusters.put(old.id, fresh);
        }
        clusters.values().forEach(this::indexCluster);
    }

    /** Where a report is about, as the engine reads it now (with the live clusters' house numbers). */
    List<Place> places(IncomingReport report) {
        return extract(report).places();
    }

    /** For fitting the model: the inputs for every candidate cluster of a report, as {@link #match} sees them. */
    Map<String, Map<String, Double>> candidateFeatures(IncomingReport report) {
        Features features = extract(report);
        List<Cluster> live = liveCandidates(features);
        List<Scorer.Inputs> inputs = inputs(features, live);
        Map<String, Map<String, Double>> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < live.size(); i++) {
            out.put(live.get(i).id, inputs.get(i).x());
        }
        return out;
    }

    /** For explaining decisions: every scored candidate, best first. */
    List<MatchExplanation> explainCandidates(IncomingReport report) {
        return scoreCandidates(extract(report));
    }

    List<ScoredCluster> similar(IncomingReport probe, int limit) {
        Features features = extract(probe);
        double floor = scorer.settings().threshold() * 0.5;
        return scoreCandidates(features).stream()
                .filter(e -> e.score() >= floor)
                .limit(limit)
                .map(e -> new ScoredCluster(view(clusters.get(e.clusterId())), e))
                .toList();
    }

    void assign(IncomingReport report, String clusterId) {
        String target = resolve(clusterId);
        if (clusterOf.containsKey(report.id())) {
            return; // already recorded (a replay or a notification from another instance)
        }
        Features features = extract(report);
        remember(features, target);
        learnTerms(features);
        index(report, target, Set.of());
    }

    void moveOut(String reportId, String newClusterId) {
        moveOut(reportId, null, newClusterId);
    }

    /**
     * A split, with the report as PostgreSQL knows it now ({@code current}, may be null): a
     * coordinator may have corrected its category before splitting it out, and the new cluster must
     * be read from those facts, as a rebuild would.
     */
    void moveOut(String reportId, IncomingReport current, String newClusterId) {
        String from = clusterOf.get(reportId);
        if (from == null) {
            throw new IllegalArgumentException("report " + reportId + " is not in a live cluster");
        }
        if (from.equals(resolve(newClusterId))) {
            return; // already applied (a replay or another instance's notification)
        }
        Cluster old = clusters.get(from);
        Features features = old.members.stream().filter(f -> f.report().id().equals(reportId)).findFirst().orElseThrow();
        old.remove(reportId);
        old.forbidden.add(reportId);
        if (old.members.isEmpty()) {
            forget(old);
        }
        clusterOf.remove(reportId);
        if (current != null && current.id().equals(reportId)) {
            features = extract(current);
        }
        remember(features, newClusterId);
        Set<String> forbidden = forbiddenFor(reportId);
        forbidden.add(from);
        index(features.report(), newClusterId, forbidden);
    }

    /**
     * The report's facts changed (a coordinator corrected its category): it is read again in its
     * live cluster and in the index, as a rebuild from the system of record would read it. A report
     * not in a live cluster is left alone: nothing can match it any more.
     */
    void reread(IncomingReport current) {
        String clusterId = clusterOf.get(current.id());
        if (clusterId == null) {
            return;
        }
        Cluster cluster = clusters.get(clusterId);
        cluster.remove(current.id());
        Features features = extract(current);
        clusterOf.remove(current.id());
        remember(features, clusterId);
        index(current, clusterId, forbiddenFor(current.id()));
    }

    void merge(String fromClusterId, String intoClusterId) {
        String from = resolve(fromClusterId);
        String into = resolve(intoClusterId);
        if (from.equals(into)) {
            return;
        }
        mergedInto.put(from, into);
        Cluster gone = clusters.remove(from);
        if (gone != null) {
            unindexCluster(gone);
            Cluster target = clusters.computeIfAbsent(into, Cluster::new);
            for (Features member : gone.members) {
                target.add(member);
                clusterOf.put(member.report().id(), into);
            }
            target.forbidden.addAll(gone.forbidden);
            indexCluster(target);
        }
        // Rewrite the documents, including reports no longer in memory.
        try {
            refreshIfNeeded();
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs docs = searcher.search(new TermQuery(new Term("cluster", from)), Integer.MAX_VALUE);
                StoredFields stored = searcher.storedFields();
                for (ScoreDoc hit : docs.scoreDocs) {
                    Document doc = stored.document(hit.doc);
                    IncomingReport report = fromDocument(doc);
                    index(report, into, new HashSet<>(List.of(doc.getValues("forbidden"))));
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forbid(String reportId, String clusterId) {
        String target = resolve(clusterId);
        Cluster cluster = clusters.get(target);
        if (cluster != null) {
            cluster.forbidden.add(reportId);
        }
        // Persist it with the report's document, so a restart from the index keeps it.
        String current = clusterOf.get(reportId);
        Cluster home = current == null ? null : clusters.get(current);
        if (home != null) {
            home.members.stream().filter(f -> f.report().id().equals(reportId)).findFirst()
                    .ifPresent(f -> index(f.report(), current, forbiddenFor(reportId)));
        }
    }

    Optional<ClusterView> cluster(String clusterId) {
        Cluster cluster = clusters.get(resolve(clusterId));
        return cluster == null ? Optional.empty() : Optional.of(view(cluster));
    }

    List<ClusterView> liveClusters(Instant now) {
        return clusters.values().stream()
                .filter(c -> !c.last.isBefore(now.minus(Scorer.LIVE)))
                .sorted(Comparator.comparing((Cluster c) -> c.last).reversed())
                .map(this::view)
                .toList();
    }

    boolean contains(String reportId) {
        if (clusterOf.containsKey(reportId) || unrefreshed.contains(reportId)) {
            return true;
        }
        try {
            // Whatever was written since the last refresh is in `unrefreshed`: the searcher as it is
            // knows the rest, so no reopen is needed to answer.
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.count(new TermQuery(new Term("id", reportId))) > 0;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int reportCount() {
        return documents;
    }

    /** The version of the reader searches use now: it changes only when the searcher is reopened. */
    long searcherVersion() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return ((DirectoryReader) searcher.getIndexReader()).getVersion();
        } finally {
            searchers.release(searcher);
        }
    }

    void commit() throws IOException {
        writer.commit();
        if (searchers.maybeRefresh()) {
            dirty = false;
            unrefreshed.clear();
        }
    }

    void close() throws IOException {
        try {
            writer.commit();
        } finally {
            searchers.close();
            writer.close();
            directory.close();
        }
    }

    // --- candidates and scoring

    /**
     * The best candidate, explained; the same one {@link #scoreCandidates} puts first (the first of
     * the highest probability in candidate order, as its stable sort does), without explaining the rest.
     */
    private MatchExplanation bestCandidate(Features features) {
        List<Cluster> live = liveCandidates(features);
        List<Scorer.Inputs> inputs = inputs(features, live);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < live.size(); i++) {
            double score = scorer.probability(inputs.get(i));
            if (best < 0 || score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best < 0 ? null : scorer.explain(features, live.get(best), inputs.get(best));
    }

    private List<MatchExplanation> scoreCandidates(Features features) {
        List<Cluster> live = liveCandidates(features);
        List<Scorer.Inputs> inputs = inputs(features, live);
        List<MatchExplanation> scored = new ArrayList<>(live.size());
        for (int i = 0; i < live.size(); i++) {
            scored.add(scorer.explain(features, live.get(i), inputs.get(i)));
        }
        scored.sort(Comparator.comparingDouble(MatchExplanation::score).reversed());
        return scored;
    }

    /** The model's inputs for each candidate, including those that compare candidates with each other. */
    private List<Scorer.Inputs> inputs(Features features, List<Cluster> live) {
        List<Scorer.Inputs> inputs = new ArrayList<>(live.size());
        for (Cluster cluster : live) {
            inputs.add(scorer.inputs(features, cluster));
        }
        Scorer.keepLatestFollowUp(live, inputs.stream().map(Scorer.Inputs::x).toList());
        return inputs;
    }

    /** Live candidate clusters the report may join (not forbidden), at most {@link #MAX_SCORED}. */
    private List<Cluster> liveCandidates(Features features) {
        Instant at = features.report().receivedAt();
        Instant liveSince = at.minus(Scorer.LIVE);
        List<Cluster> live = new ArrayList<>();
        for (String id : candidates(features)) {
            Cluster cluster = clusters.get(id);
            if (cluster == null || cluster.forbidden.contains(features.report().id())) {
                continue;
            }
            if (cluster.last.isBefore(liveSince)) {
                continue; // quiet for more than 30 days: that problem is over
            }
            live.add(cluster);
        }
        if (live.size() > MAX_SCORED) {
            // A crowded street: look closely only at the clusters that share most at first sight.
            live = mostAlike(features, live, at);
        }
        return live;
    }

    /**
     * The {@link #MAX_SCORED} clusters with the best first sight, best first; equal first sights
     * keep their candidate order (as a stable sort would). A bounded heap over primitive scores:
     * on a crowded street there are thousands of candidates, and sorting them all (with a boxed
     * score per cluster) cost more than scoring the chosen few.
     */
    private static List<Cluster> mostAlike(Features features, List<Cluster> live, Instant at) {
        Set<String> families = Scorer.families(features.kindVector()).keySet();
        long atMillis = at.toEpochMilli();
        int n = live.size();
        double[] sight = new double[n];
        for (int i = 0; i < n; i++) {
            sight[i] = firstSight(features, families, live.get(i), atMillis);
        }
        // Worst of the kept at the head: lower sight, or equal sight and later in candidate order.
        PriorityQueue<Integer> kept = new PriorityQueue<>(MAX_SCORED + 1,
                (a, b) -> sight[a] != sight[b] ? Double.compare(sight[a], sight[b]) : Integer.compare(b, a));
        for (int i = 0; i < n; i++) {
            if (kept.size() < MAX_SCORED) {
                kept.add(i);
            } else {
                int worst = kept.peek();
                if (sight[i] > sight[worst]) { // equal sight: the earlier candidate stays
                    kept.poll();
                    kept.add(i);
                }
            }
        }
        Integer[] chosen = kept.toArray(new Integer[0]);
        Arrays.sort(chosen, (a, b) -> sight[a] != sight[b] ? Double.compare(sight[b], sight[a]) : Integer.compare(a, b));
        List<Cluster> best = new ArrayList<>(chosen.length);
        for (Integer i : chosen) {
            best.add(live.get(i));
        }
        return best;
    }

    /** A cheap first look: shared kind of problem, shared words, how recently the cluster was active. */
    private static double firstSight(Features features, Set<String> families, Cluster cluster, long atMillis) {
        double score = 0;
        Map<String, Double> clusterFamilies = cluster.families();
        for (String family : families) {
            if (clusterFamilies.containsKey(family)) {
                score += 2;
                break;
            }
        }
        for (String term : features.terms().keySet()) {
            if (cluster.terms.containsKey(term)) {
                score += 0.5;
            }
        }
        // Whole hours, as Duration.toHours() counted them.
        double days = ((atMillis - cluster.last.toEpochMilli()) / 3_600_000L) / 24.0;
        return score + Math.max(0, 1 - days / 30);
    }

    private Set<String> candidates(Features features) {
        Set<String> ids = new LinkedHashSet<>();
        boolean placed = false;
        for (Place place : features.places()) {
            if (place.hasCoordinates()) {
                placed = true;
                long row = (long) Math.floor(place.lat() / CELL_LAT);
                long col = (long) Math.floor(place.lon() / CELL_LON);
                for (long r = row - 1; r <= row + 1; r++) {
                    for (long c = col - 1; c <= col + 1; c++) {
                        ids.addAll(grid.getOrDefault(cell(r, c), Set.of()));
                    }
                }
            }
            if (place.street() != null) {
                placed = true;
                // A street named in the text reaches along the whole street (speeding, lighting); a
                // typed address is the reporter's home and its grid cell suffices.
                if (place.source() != Place.Source.TYPED_ADDRESS) {
                    ids.addAll(byStreet.getOrDefault(place.street(), Set.of()));
                }
            }
            if (place.namedPlace() != null) {
                placed = true;
                ids.addAll(byNamedPlace.getOrDefault(place.namedPlace(), Set.of()));
            }
        }
        if (!placed) {
            ids.addAll(clusters.keySet());
        }
        return ids;
    }

    // --- memory

    /** What the engine reads from a report (its kinds, words and place evidence), recording nothing. */
    Features features(IncomingReport report) {
        return extract(report);
    }

    private Features extract(IncomingReport report) {
        Features cached = recentlyExtracted.get(report.id());
        if (cached != null && cached.report().equals(report)) {
            return cached;
        }
        Features features = extractor.extract(report, houseNumbers(report.receivedAt()));
        recentlyExtracted.put(report.id(), features);
        if (recentlyExtracted.size() > 64) {
            recentlyExtracted.remove(recentlyExtracted.keySet().iterator().next());
        }
        return features;
    }

    /** The streets on which a cluster live at {@code at} names this house number. */
    private PlaceFinder.HouseNumbers houseNumbers(Instant at) {
        Instant liveSince = at.minus(Scorer.LIVE);
        return number -> {
            Set<String> streets = new HashSet<>();
            String suffix = "#" + number;
            byAddress.forEach((address, ids) -> {
                if (address.endsWith(suffix) && ids.stream().map(clusters::get)
                        .anyMatch(c -> c != null && !c.last.isBefore(liveSince) && !c.first.isAfter(at))) {
                    streets.add(address.substring(0, address.length() - suffix.length()));
                }
            });
            return streets;
        };
    }

    private static String address(Place place) {
        return place.source() == Place.Source.TEXT_ADDRESS && place.street() != null && place.houseNumber() > 0
                ? place.street() + "#" + place.houseNumber() : null;
    }

    private void remember(Features features, String clusterId) {
        Cluster cluster = clusters.computeIfAbsent(clusterId, Cluster::new);
        cluster.add(features);
        clusterOf.put(features.report().id(), clusterId);
        indexMember(cluster.id, features);
        Instant t = features.report().receivedAt();
        if (t.isAfter(newest)) {
            newest = t;
            if (++indexed % 512 == 0) {
                evictQuietClusters();
            }
        }
    }

    private void learnTerms(Features features) {
        documents++;
        features.terms().keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
    }

    /** IDF changes slowly: computed values are kept until the number of reports has grown by 5%. */
    private final Map<String, Double> idfCache = new HashMap<>();
    private int idfCachedAt = -1;

    private double idf(String term) {
        int epoch = (int) (Math.log(documents + 1.0) / Math.log(1.05));
        if (epoch != idfCachedAt) {
            idfCache.clear();
            idfCachedAt = epoch;
        }
        Double cached = idfCache.get(term);
        if (cached != null) {
            return cached;
        }
        int df = documentFrequency.getOrDefault(term, 0);
        double value = Math.log(1 + (documents + 1.0) / (df + 1.0));
        idfCache.put(term, value);
        return value;
    }

    /** Bumped whenever IDF values may have changed, so clusters know their cached norms are stale. */
    int idfEpoch() {
        return idfCachedAt;
    }

    private void evictQuietClusters() {
        Instant horizon = newest.minus(KEEP);
        List<Cluster> quiet = clusters.values().stream().filter(c -> c.last.isBefore(horizon)).toList();
        quiet.forEach(this::forget);
    }

    private void forget(Cluster cluster) {
        clusters.remove(cluster.id);
        unindexCluster(cluster);
        cluster.members.forEach(m -> clusterOf.remove(m.report().id()));
    }

    private void indexCluster(Cluster cluster) {
        cluster.members.forEach(m -> indexMember(cluster.id, m));
    }

    private void indexMember(String clusterId, Features features) {
        for (Place place : features.places()) {
            if (place.hasCoordinates()) {
                grid.computeIfAbsent(cell(place.lat(), place.lon()), k -> new HashSet<>()).add(clusterId);
            }
            if (place.street() != null) {
                byStreet.computeIfAbsent(place.street(), k -> new HashSet<>()).add(clusterId);
            }
            if (place.namedPlace() != null) {
                byNamedPlace.computeIfAbsent(place.namedPlace(), k -> new HashSet<>()).add(clusterId);
            }
            String address = address(place);
            if (address != null) {
                byAddress.computeIfAbsent(address, k -> new HashSet<>()).add(clusterId);
            }
        }
    }

    private void unindexCluster(Cluster cluster) {
        for (Features member : cluster.members) {
            for (Place place : member.places()) {
                if (place.hasCoordinates()) {
                    Set<String> inCell = grid.get(cell(place.lat(), place.lon()));
                    if (inCell != null) {
                        inCell.remove(cluster.id);
                    }
                }
                if (place.street() != null) {
                    byStreet.getOrDefault(place.street(), new HashSet<>()).remove(cluster.id);
                }
                if (place.namedPlace() != null) {
                    byNamedPlace.getOrDefault(place.namedPlace(), new HashSet<>()).remove(cluster.id);
                }
                String address = address(place);
                if (address != null) {
                    byAddress.getOrDefault(address, new HashSet<>()).remove(cluster.id);
                }
            }
        }
    }

    private static long cell(double lat, double lon) {
        return cell((long) Math.floor(lat / CELL_LAT), (long) Math.floor(lon / CELL_LON));
    }

    private static long cell(long row, long col) {
        return row * 1_000_003L + col;
    }

    private String resolve(String clusterId) {
        String id = clusterId;
        for (int hops = 0; hops < 100 && mergedInto.containsKey(id); hops++) {
            id = mergedInto.get(id);
        }
        return id;
    }

    private Set<String> forbiddenFor(String reportId) {
        Set<String> forbidden = new HashSet<>();
        for (Cluster c : clusters.values()) {
            if (c.forbidden.contains(reportId)) {
                forbidden.add(c.id);
            }
        }
        return forbidden;
    }

    private ClusterView view(Cluster cluster) {
        Place place = cluster.representativePlace();
        return new ClusterView(cluster.id, cluster.members.size(), cluster.first, cluster.last,
                place == null ? null : place.lat(), place == null ? null : place.lon(), cluster.street(),
                cluster.dominantCategory());
    }

    // --- the Lucene index

    private void index(IncomingReport report, String clusterId, Set<String> forbidden) {
        Document doc = new Document();
        doc.add(new StringField("id", report.id(), Field.Store.YES));
        doc.add(new StringField("cluster", clusterId, Field.Store.YES));
        long millis = report.receivedAt().toEpochMilli();
        doc.add(new LongPoint("time", millis));
        doc.add(new StoredField("time", millis));
        doc.add(new TextField("text", report.text(), Field.Store.YES));
        if (report.channel() != null) {
            doc.add(new StoredField("channel", report.channel()));
        }
        if (report.address() != null) {
            doc.add(new StoredField("address", report.address()));
        }
        if (report.category() != null) {
            doc.add(new StoredField("category", report.category()));
        }
        if (report.hasCoordinates()) {
            doc.add(new LatLonPoint("location", report.lat(), report.lon()));
            doc.add(new StoredField("lat", report.lat()));
            doc.add(new StoredField("lon", report.lon()));
        }
        for (String f : forbidden) {
            doc.add(new StoredField("forbidden", f));
        }
        try {
            writer.updateDocument(new Term("id", report.id()), doc);
            dirty = true;
            unrefreshed.add(report.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IncomingReport fromDocument(Document doc) {
        Number lat = doc.getField("lat") == null ? null : doc.getField("lat").numericValue();
        Number lon = doc.getField("lon") == null ? null : doc.getField("lon").numericValue();
        return new IncomingReport(doc.get("id"), Instant.ofEpochMilli(doc.getField("time").numericValue().longValue()),
                doc.get("channel"), doc.get("text"), lat == null ? null : lat.doubleValue(),
                lon == null ? null : lon.doubleValue(), doc.get("address"), doc.get("category"));
    }

    private void reload() throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return;
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            StoredFields stored = searcher.storedFields();
            int max = searcher.getIndexReader().maxDoc();
            long newestMillis = Long.MIN_VALUE;
            List<Document> docs = new ArrayList<>();
            var liveDocs = org.apache.lucene.index.MultiBits.getLiveDocs(searcher.getIndexReader());
            for (int i = 0; i < max; i++) {
                if (liveDocs != null && !liveDocs.get(i)) {
                    continue;
                }
                Document doc = stored.document(i);
                docs.add(doc);
                newestMillis = Math.max(newestMillis, doc.getField("time").numericValue().longValue());
            }
            documents = 0;
            long horizon = newestMillis - KEEP.toMillis();
            docs.sort(Comparator.comparingLong(d -> d.getField("time").numericValue().longValue()));
            for (Document doc : docs) {
                IncomingReport report = fromDocument(doc);
                Features features = extractor.extract(report, houseNumbers(report.receivedAt()));
                learnTerms(features);
                if (report.receivedAt().toEpochMilli() >= horizon) {
                    remember(features, doc.get("cluster"));
                }
            }
            for (Document doc : docs) {
                for (String forbidden : doc.getValues("forbidden")) {
                    Cluster c = clusters.get(forbidden);
                    if (c != null) {
                        c.forbidden.add(doc.get("id"));
                    }
                }
            }
        } finally {
            searchers.release(searcher);
        }
    }

    private void refreshIfNeeded() throws IOException {
        if (dirty) {
            searchers.maybeRefreshBlocking();
            dirty = false;
            unrefreshed.clear();
        }
    }

    private static void deleteContents(Path path) throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }
}
