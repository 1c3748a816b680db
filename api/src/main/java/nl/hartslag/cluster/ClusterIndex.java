package nl.hartslag.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import nl.hartslag.cluster.ClusterRepository.JournalEntry;
import nl.hartslag.cluster.ClusterRepository.ReportRow;
import nl.hartslag.matching.ClusterView;
import nl.hartslag.matching.IncomingReport;
import nl.hartslag.matching.MatchResult;
import nl.hartslag.matching.MatchingEngine;
import nl.hartslag.matching.ReportReading;
import nl.hartslag.matching.ScoredCluster;
import nl.hartslag.place.Places;

/**
 * This instance's one {@link MatchingEngine}, with its index under {@code <data-dir>/index}, and
 * how far it has applied the journal. Every method blocks (Lucene I/O): call it on
 * {@code Schedulers.boundedElastic()}, never on the event loop.
 *
 * <p>Next to the index, {@code <data-dir>/index.position} says up to which journal number the
 * last Lucene commit is complete. It is set to {@code pending} before each commit and back to
 * {@code committed} after, so a crash in between is seen at the next start (and answered with a
 * rebuild) instead of applying a split twice.
 */
@Component
class ClusterIndex {

    private static final Logger log = LoggerFactory.getLogger(ClusterIndex.class);

    private final Path directory;
    private final Path positionFile;
    private MatchingEngine engine;
    private Places.Rows gazetteer;
    private long position;
    /** The position of the last Lucene commit: behind {@link #position} while applied steps wait to be committed. */
    private long committed = -1;

    ClusterIndex(@Value("${hartslag.data-dir}") Path dataDir) {
        this.directory = dataDir.resolve("index").toAbsolutePath().normalize();
        this.positionFile = dataDir.resolve("index.position").toAbsolutePath().normalize();
    }

    Path directory() {
        return directory;
    }

    /** Opens the index (emptied by the engine when unreadable). */
    synchronized void open(Places.Rows rows) {
        this.gazetteer = rows;
        try {
            engine = MatchingEngine.onDisk(directory, rows.streets(), rows.places());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the matching index in " + directory, e);
        }
        position = 0;
    }

    /** A landmark was added: the engine reads places against the new rows (and a rebuild will too). */
    /** A report's facts changed (a corrected category): the engine reads it again. */
    synchronized void reread(ReportRow report) {
        if (engine != null) {
            engine.reread(report.incoming());
        }
    }

    synchronized void updatePlaces(Places.Rows rows) {
        this.gazetteer = rows;
        if (engine != null) {
            engine.updatePlaces(rows.streets(), rows.places());
        }
    }

    /** The landmarks the engine reads in a report now. */
    synchronized List<String> namedPlaces(IncomingReport report) {
        return engine().namedPlaces(report);
    }

    synchronized boolean isOpen() {
        return engine != null;
    }

    /** The journal number the last completed commit reflects; empty when unknown (never written, or a crash). */
    synchronized OptionalLong committedPosition() {
        if (!Files.exists(positionFile)) {
            return OptionalLong.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(positionFile, StandardCharsets.UTF_8)) {
            p.load(in);
            if (!"committed".equals(p.getProperty("state"))) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(p.getProperty("position", "")));
        } catch (IOException | NumberFormatException e) {
            log.warn("Cannot read {}; the matching index will be rebuilt", positionFile);
            return OptionalLong.empty();
        }
    }

    /** Continues from what the index on disk holds. */
    synchronized void resumeAt(long committed) {
        position = committed;
        this.committed = committed;
    }

    /** Closes the engine, deletes the index directory and opens an empty one. */
    synchronized void wipe() {
        try {
            if (engine != null) {
                engine.close();
                engine = null;
            }
            Files.deleteIfExists(positionFile);
            deleteRecursively(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the matching index in " + directory, e);
        }
        open(gazetteer);
    }

    synchronized boolean isEmpty() {
        return engine().isEmpty();
    }

    synchronized long position() {
        return position;
    }

    /** What the engine reads from a report: its problem place and coverage flags; records nothing. */
    synchronized ReportReading read(IncomingReport report) {
        return engine().read(report);
    }

    // --- rebuilding from the system of record

    /** A rebuild step: the report is in this cluster now. */
    synchronized void replay(ReportRow report) {
        engine().assign(report.incoming(), report.clusterId().toString());
    }

    /** A rebuild step after all reports: a split report never rejoins its old cluster; a merged cluster stays merged. */
    synchronized void replayCorrection(JournalEntry correction) {
        switch (correction.kind()) {
            case SPLIT, MOVE -> engine().forbid(correction.reportId().toString(), correction.fromCluster().toString());
            case APART -> {
                // Never merged by hand afterwards (ClusterDesk); the engine never merges on its own.
            }
            case MERGE -> engine().merge(correction.fromCluster().toString(), correction.toCluster().toString());
            case MATCH -> throw new IllegalArgumentException("not a correction: " + correction);
        }
    }

    synchronized void rebuiltUpTo(long journalPosition) {
        position = journalPosition;
    }

    // --- following the journal

    /**
     * Applies one journal step made by any instance; steps at or below the position are skipped. A
     * step the engine refuses is logged and passed, so one bad row cannot stop all matching; the
     * index then differs from PostgreSQL in that step until it is rebuilt.
     */
    synchronized void apply(JournalEntry entry) {
        if (entry.seq() <= position) {
            return;
        }
        MatchingEngine e = engine();
        try {
            applyTo(e, entry);
        } catch (RuntimeException refused) {
            log.error("Journal step {} ({}) could not be applied to the matching index; delete {} to rebuild it",
                    entry.seq(), entry.kind(), directory, refused);
        }
        position = entry.seq();
    }

    private static void applyTo(MatchingEngine e, JournalEntry entry) {
        switch (entry.kind()) {
            case MATCH -> {
                if (!e.contains(entry.reportId().toString())) {
                    e.assign(entry.report().incoming(), entry.toCluster().toString());
                }
            }
            case APART -> {
                // See replayCorrection: nothing moves.
            }
            case SPLIT, MOVE -> {
                String reportId = entry.reportId().toString();
                if (!e.contains(reportId)) {
                    e.assign(entry.report().incoming(), entry.toCluster().toString());
                    e.forbid(reportId, entry.fromCluster().toString());
                } else {
                    try {
                        e.moveOut(entry.report().incoming(), entry.toCluster().toString());
                    } catch (IllegalArgumentException notLive) {
                        // Too old to be in memory: only PostgreSQL knows the move; nothing can match it anyway.
                        log.warn("Split of report {} (journal {}) not applied to the index: {}", reportId,
                                entry.seq(), notLive.getMessage());
                    }
                }
            }
            case MERGE -> e.merge(entry.fromCluster().toString(), entry.toCluster().toString());
        }
    }

    /**
     * A decision of this instance, inside its transaction (under the journal lock, after catching
     * up): searchable at once by the next decision of the same batch. Should the transaction not
     * commit, the index no longer follows PostgreSQL and must be rebuilt. The journal position
     * follows once the decisions have their numbers ({@link #advanceTo}).
     */
    synchronized void applyDecided(ReportRow report, String clusterId) {
        MatchingEngine e = engine();
        if (!e.contains(report.id().toString())) {
            e.assign(report.incoming(), clusterId);
        }
    }

    /** The decisions applied by {@link #applyDecided} are in the journal up to {@code seq}. */
    synchronized void advanceTo(long seq) {
        position = Math.max(position, seq);
    }

    /** Whether steps were applied since the last commit. */
    synchronized boolean uncommitted() {
        return position != committed;
    }

    /** Makes everything applied durable and searchable, and records up to where. */
    synchronized void commit() {
        try {
            writePosition("pending", position);
            engine().commit();
            writePosition("committed", position);
            committed = position;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit the matching index in " + directory, e);
        }
    }

    synchronized void close() {
        if (engine == null) {
            return;
        }
        try {
            writePosition("pending", position);
            engine.close();
            engine = null;
            writePosition("committed", position);
        } catch (IOException e) {
            log.warn("Closing the matching index in {} failed; it will be rebuilt at the next start", directory, e);
            engine = null;
        }
    }

    // --- questions

    synchronized MatchResult match(IncomingReport report) {
        return engine().match(report);
    }

    synchronized List<ScoredCluster> similar(IncomingReport probe, int limit) {
        return engine().similar(probe, limit);
    }

    synchronized Optional<ClusterView> cluster(String clusterId) {
        return engine().cluster(clusterId);
    }

    synchronized List<ClusterView> liveClusters(Instant now) {
        return engine().liveClusters(now);
    }

    synchronized boolean contains(String reportId) {
        return engine().contains(reportId);
    }

    synchronized int reportCount() {
        return engine().reportCount();
    }

    private MatchingEngine engine() {
        if (engine == null) {
            throw new IllegalStateException("The matching index is not open");
        }
        return engine;
    }

    /** Written to a temporary file, forced to disk, then moved in place: never half a file. */
    private void writePosition(String state, long at) throws IOException {
        Files.createDirectories(positionFile.getParent());
        Path temporary = positionFile.resolveSibling(positionFile.getFileName() + ".tmp");
        byte[] content = ("# Journal position of the last Lucene commit of " + directory.getFileName()
                + " (nl.hartslag.cluster)\nstate=" + state + "\nposition=" + at + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
        Files.move(temporary, positionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
