package nl.hartslag.matching;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;

/**
 * Recognises reports about the same problem. A report is compared with the live clusters (a
 * cluster is live while its last report is at most 30 days older than the new one); it joins the
 * best-scoring cluster above the threshold or starts a new one. Coordinators' corrections (a
 * report moved out, two clusters merged) are facts the engine never undoes.
 *
 * <p>Thread-safe: decisions are serialised, because each one changes what the next one sees.
 */
public final class MatchingEngine implements Closeable {

    private final Engine engine;

    private MatchingEngine(Engine engine) {
        this.engine = engine;
    }

    /** An engine whose index lives in memory: tests and the offline dedup command. */
    public static MatchingEngine inMemory(List<StreetSegment> streets, List<NamedPlace> places) {
        return new MatchingEngine(Engine.inMemory(streets, places));
    }

    /**
     * An engine whose index lives in {@code directory} (near-real-time, on disk). Live clusters are
     * reloaded from the index; when it is missing or unreadable the directory is emptied and
     * {@link #isEmpty()} tells the caller to replay the system of record.
     */
    public static MatchingEngine onDisk(Path directory, List<StreetSegment> streets, List<NamedPlace> places)
            throws IOException {
        return new MatchingEngine(Engine.onDisk(directory, streets, places));
    }

    /**
     * Reads places against these streets and named places from now on (a coordinator added a
     * landmark): no restart, and the live clusters are read again.
     */
    public synchronized void updatePlaces(List<StreetSegment> streets, List<NamedPlace> places) {
        engine.updatePlaces(streets, places);
    }

    /** The named places (landmarks) a report is about, as the engine reads it now; nothing is recorded. */
    public synchronized List<String> namedPlaces(IncomingReport report) {
        return engine.places(report).stream().map(Place::namedPlace).filter(java.util.Objects::nonNull).distinct()
                .toList();
    }

    /** Decides without changing anything: which cluster, if any, this report belongs to. */
    public synchronized MatchResult match(IncomingReport report) {
        return engine.match(report);
    }

    /** Decides and records: the report joins the chosen cluster or starts one with a fresh id. */
    public synchronized Assignment matchAndAssign(IncomingReport report, Supplier<String> newClusterId) {
        MatchResult decision = engine.match(report);
        String clusterId = decision instanceof MatchResult.SameProblem same ? same.clusterId() : newClusterId.get();
        engine.assign(report, clusterId);
        return new Assignment(report.id(), clusterId, decision);
    }

    /** Records a report in a known cluster (replaying the system of record, or a resident's "me too"). */
    public synchronized void assign(IncomingReport report, String clusterId) {
        engine.assign(report, clusterId);
    }

    /** A coordinator's split: the report leaves its cluster for {@code newClusterId} and never rejoins the old one. */
    public synchronized void moveOut(String reportId, String newClusterId) {
        engine.moveOut(reportId, newClusterId);
    }

    /** The same, read from the report's current facts (a category corrected before the split). */
    public synchronized void moveOut(IncomingReport current, String newClusterId) {
        engine.moveOut(current.id(), current, newClusterId);
    }

    /** The report's facts changed (its category was corrected): read it again where it is. */
    public synchronized void reread(IncomingReport current) {
        engine.reread(current);
    }

    /** A coordinator's merge: every report of {@code fromClusterId} now belongs to {@code intoClusterId}. */
    public synchronized void merge(String fromClusterId, String intoClusterId) {
        engine.merge(fromClusterId, intoClusterId);
    }

    /** A correction replayed from the system of record: this report may never join this cluster. */
    public synchronized void forbid(String reportId, String clusterId) {
        engine.forbid(reportId, clusterId);
    }

    /**
     * Reads where the report's problem is (apart from where its reporter lives) and whether its
     * words gave a kind of problem and a place; records nothing. See {@link ProblemPlaces}.
     */
    public synchronized ReportReading read(IncomingReport report) {
        return ProblemPlaces.read(engine.features(report));
    }

    /** Live clusters a resident might mean, best first, with why; nothing is recorded. */
    public synchronized List<ScoredCluster> similar(IncomingReport probe, int limit) {
        return engine.similar(probe, limit);
    }

    public synchronized Optional<ClusterView> cluster(String clusterId) {
        return engine.cluster(clusterId);
    }

    /** Clusters still live at {@code now} (last report at most 30 days before). */
    public synchronized List<ClusterView> liveClusters(Instant now) {
        return engine.liveClusters(now);
    }

    public synchronized boolean contains(String reportId) {
        return engine.contains(reportId);
    }

    public synchronized boolean isEmpty() {
        return engine.reportCount() == 0;
    }

    public synchronized int reportCount() {
        return engine.reportCount();
    }

    /** Makes everything recorded so far durable (on disk) and visible to searches. */
    public synchronized void commit() throws IOException {
        engine.commit();
    }

    @Override
    public synchronized void close() throws IOException {
        engine.close();
    }
}
