package nl.hartslag.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.stereotype.Component;

import nl.hartslag.cluster.ClusterRepository.ReportRow;
import nl.hartslag.matching.MatchExplanation;
import nl.hartslag.matching.MatchResult;
import nl.hartslag.place.Gazetteer;
import nl.hartslag.place.Places;
import nl.hartslag.web.DatabaseUnavailable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Where the engine's decisions are made durable and where every instance's index follows
 * PostgreSQL. On this instance everything that changes the index runs one at a time, in order, in
 * a single lane; across instances, decisions are serialised by the journal lock (see
 * {@link ClusterRepository#JOURNAL_LOCK}).
 *
 * <p>The index only ever changes by applying committed journal rows ({@link #catchUpNow()}), so
 * a decision that fails to commit leaves no trace in it, and a decision made by another instance
 * is applied exactly like one made here.
 */
@Component
class ClusterDecisions {

    private static final Logger log = LoggerFactory.getLogger(ClusterDecisions.class);
    private static final Duration DECISION_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);
    /**
     * The most reports decided in one transaction. A batch costs a dozen statements whatever its
     * size, but its reports are clustered (and routed) only when it commits: under a burst, smaller
     * batches show progress sooner at little cost.
     */
    static final int MAX_BATCH = 32;
    /** The longest a decision waits for its Lucene commit (see {@link #commitWhenDue()}). */
    static final Duration COMMIT_DELAY = Duration.ofSeconds(1);

    private final ClusterRepository repository;
    private final ClusterIndex index;
    private final ExplanationJson explanations;
    private final ProblemPlaces problemPlaces;
    private final TransactionalOperator tx;
    private final TransactionalOperator snapshot;
    private final ApplicationEventPublisher events;
    private final Sinks.Many<Mono<Void>> lane = Sinks.many().unicast().onBackpressureBuffer();
    private final CountDownLatch drained = new CountDownLatch(1);
    private final Disposable worker;
    private volatile boolean skipping;
    /** Reports waiting for a decision, decided together by the next batch in the lane. */
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean batchQueued = new AtomicBoolean();
    private final AtomicBoolean commitQueued = new AtomicBoolean();
    private volatile long lastCommit = System.nanoTime();
    /** Clusters the index chose although PostgreSQL had closed them: never joined again by this instance. */
    private final Set<UUID> closed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Places places;
    private final MatchingConnections connections;

    ClusterDecisions(MatchingConnections connections, ClusterIndex index, ExplanationJson explanations,
            ProblemPlaces problemPlaces, ApplicationEventPublisher events, Places places) {
        this.connections = connections;
        this.places = places;
        this.events = events;
        // The lane's statements go through its own connections (see MatchingConnections).
        this.repository = new ClusterRepository(connections.db());
        ReactiveTransactionManager transactions = connections.transactions();
        this.index = index;
        this.explanations = explanations;
        this.problemPlaces = problemPlaces;
        this.tx = TransactionalOperator.create(transactions);
        DefaultTransactionDefinition consistent = new DefaultTransactionDefinition();
        consistent.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        consistent.setReadOnly(true);
        this.snapshot = TransactionalOperator.create(transactions, consistent);
        // Once stopping has waited long enough, queued tasks are skipped (redone at the next start)
        // rather than the running one cancelled: cancelling interrupts a Lucene commit, which closes the index.
        this.worker = lane.asFlux().concatMap(task -> skipping ? Mono.<Void>empty() : task, 1)
                .doFinally(signal -> drained.countDown()).subscribe();
    }

    /**
     * Decides for a stored report, unless a decision exists (made here, elsewhere or by a resident's
     * "me too"), and brings this instance's index up to date either way. Either way, once the
     * report's cluster is committed, {@link ReportClustered} is published.
     */
    Mono<Void> decide(UUID reportId) {
        return decided(reportId).then();
    }

    /** What {@link #decided} found: the report's committed cluster, and whether this call chose it. */
    private record Outcome(UUID clusterId, boolean made) {
    }

    /** {@link #decide}, telling whether this call made the decision (false: one existed already). */
    private Mono<Boolean> decided(UUID reportId) {
        return Mono.defer(() -> {
            Sinks.One<Outcome> result = Sinks.one();
            pending.add(new Pending(reportId, result));
            scheduleBatch();
            return result.asMono();
        })
                // Listeners only start asynchronous work of their own: the lane is not held up by them.
                .doOnNext(outcome -> events.publishEvent(new ReportClustered(reportId, outcome.clusterId())))
                .map(Outcome::made)
                .defaultIfEmpty(false);
    }

    /** A report waiting for its decision, and who waits for it. */
    private record Pending(UUID reportId, Sinks.One<Outcome> result) {
    }

    /**
     * Queues one lane task that decides for every report waiting by then (at most a batch). Under a
     * burst the reports that arrived while a batch ran are decided together in the next one: one
     * transaction, one commit, instead of one each.
     */
    private void scheduleBatch() {
        if (!batchQueued.compareAndSet(false, true)) {
            return;
        }
        inLane(Mono.defer(() -> {
            batchQueued.set(false); // from now on a new arrival queues the next batch
            List<Pending> batch = new ArrayList<>();
            for (Pending p = pending.poll(); p != null; p = batch.size() < MAX_BATCH ? pending.poll() : null) {
                batch.add(p);
            }
            if (!pending.isEmpty()) {
                scheduleBatch();
            }
            return batch.isEmpty() ? Mono.<Void>empty() : decideBatch(batch);
        })).subscribe(null, e -> {
            // The lane is closed (stopping): whoever waits learns it; the next start decides.
            for (Pending p = pending.poll(); p != null; p = pending.poll()) {
                p.result().tryEmitError(e);
            }
        });
    }

    /**
     * Decides a batch in one transaction; completes each waiting report. Should the batch fail, the
     * index is rebuilt if the batch touched it, and each report is decided alone, so that one report
     * the engine or the database refuses fails only itself.
     */
    private Mono<Void> decideBatch(List<Pending> batch) {
        List<UUID> ids = batch.stream().map(Pending::reportId).distinct().toList();
        boolean[] touched = new boolean[1];
        return repository.reports(ids).collectMap(ReportRow::id)
                .flatMap(found -> {
                    Map<UUID, Outcome> outcomes = new HashMap<>();
                    List<UUID> undecided = new ArrayList<>();
                    for (UUID id : ids) {
                        ReportRow row = found.get(id);
                        if (row != null && row.clusterId() != null) {
                            outcomes.put(id, new Outcome(row.clusterId(), false));
                        } else if (row != null) {
                            undecided.add(id);
                        }
                    }
                    Mono<Void> decide = undecided.isEmpty() ? Mono.empty()
                            : decideNow(undecided, touched).doOnNext(outcomes::putAll).then()
                                    // Decided meanwhile by someone else (the lock found them clustered): read them.
                                    .then(Mono.defer(() -> repository.reports(undecided.stream()
                                            .filter(id -> !outcomes.containsKey(id)).toList())
                                            .filter(row -> row.clusterId() != null)
                                            .doOnNext(row -> outcomes.put(row.id(), new Outcome(row.clusterId(), false)))
                                            .then()));
                    return decide.then(Mono.defer(this::catchUpNow).timeout(CATCH_UP_TIMEOUT)).thenReturn(outcomes);
                })
                .doOnNext(outcomes -> batch.forEach(p -> {
                    Outcome o = outcomes.get(p.reportId());
                    if (o == null) {
                        p.result().tryEmitEmpty(); // no such report (any more)
                    } else {
                        p.result().tryEmitValue(o);
                    }
                }))
                .then()
                .onErrorResume(e -> {
                    if (e instanceof ClosedClusterChosen chosen) {
                        closed.addAll(chosen.clusters);
                    }
                    Mono<Void> repair = !touched[0] ? Mono.empty() : Mono.defer(() -> {
                        log.warn("A matching batch of {} reports did not commit; rebuilding the index from PostgreSQL",
                                batch.size());
                        return blocking(() -> {
                            index.wipe();
                            return true;
                        }).then(rebuildNow()).then();
                    });
                    if (batch.size() == 1) {
                        return repair.onErrorResume(r -> Mono.empty()).then(Mono.fromRunnable(
                                () -> batch.get(0).result().tryEmitError(e)));
                    }
                    return repair.then(Flux.fromIterable(batch).concatMap(p -> decideBatch(List.of(p))).then())
                            .onErrorResume(r -> {
                                batch.forEach(p -> p.result().tryEmitError(r));
                                return Mono.empty();
                            });
                });
    }

    /**
     * Every report still without a cluster (e.g. after a crash between intake and matching, or an
     * outage of the database), oldest first.
     */
    Mono<Long> decideUnmatched() {
        return decideUnmatched(Instant.now().plus(Duration.ofDays(1)));
    }

    /** {@link #decideUnmatched()} for reports received before {@code before} (the sweep leaves the live path alone). */
    Mono<Long> decideUnmatched(Instant before) {
        return repository.unmatchedReports(before)
                // Only the decisions made here count: the live path may have matched a report meanwhile.
                // Many at a time, so that they are decided in batches (still oldest first within each).
                .flatMapSequential(id -> decided(id).filter(Boolean::booleanValue)
                        .onErrorResume(e -> {
                            if (e instanceof LaneClosed) {
                                return Mono.error(e); // shutting down: the rest waits for the next start
                            }
                            if (DatabaseUnavailable.isCause(e)) {
                                // The outage is logged once elsewhere; the report is matched when it ends.
                                log.debug("Matching report id {} waits until the database is back", id);
                            } else {
                                log.error("Matching report id {} failed; the sweep or the next start tries again", id, e);
                            }
                            return Mono.empty();
                        }), MAX_BATCH)
                .count();
    }

    /** Applies what other instances (or this one) committed since the index's position. */
    Mono<Void> catchUp() {
        return inLane(Mono.defer(this::catchUpNow).timeout(CATCH_UP_TIMEOUT));
    }

    /**
     * Replays PostgreSQL into an empty index: every clustered report as it stands, oldest first,
     * then the corrections, all read from one snapshot whose journal position becomes the index's.
     */
    Mono<Long> rebuild() {
        return inLane(rebuildNow());
    }

    private Mono<Long> rebuildNow() {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            Mono<Long> replay = repository.journalPosition().flatMap(position -> repository.clusteredReports()
                    .publishOn(Schedulers.boundedElastic())
                    .doOnNext(index::replay)
                    .count()
                    .flatMap(reports -> repository.corrections()
                            .publishOn(Schedulers.boundedElastic())
                            .doOnNext(index::replayCorrection)
                            .then(blocking(() -> {
                                index.rebuiltUpTo(position);
                                index.commit();
                                return reports;
                            }))));
            return snapshot.transactional(replay)
                    .doOnNext(reports -> {
                        if (reports > 0) {
                            log.info("Matching index rebuilt from PostgreSQL: {} reports in {} ms", reports,
                                    (System.nanoTime() - started) / 1_000_000);
                        }
                    });
        });
    }

    /** Deletes the index and rebuilds it (for an operator, or a test, that distrusts it). */
    Mono<Long> wipeAndRebuild() {
        return inLane(blocking(() -> {
            index.wipe();
            return true;
        })).then(rebuild());
    }

    /**
     * The clusters chosen and committed, by report; a report decided meanwhile is missing. In one
     * transaction under the journal lock: first learn what others decided, then decide the batch in
     * one engine step (each decision searchable by the next; {@code touched} says the index has
     * changed), then store it all with a few statements for the whole batch, whatever its size.
     * Per report that is no SQL round trip and no thread hop: under a flood those were the cost.
     */
    private Mono<Map<UUID, Outcome>> decideNow(List<UUID> reportIds, boolean[] touched) {
        Mono<Map<UUID, Outcome>> decision = repository.lockJournal()
                .then(Mono.defer(this::applyJournal))
                .then(repository.lockUndecided(reportIds).collectList())
                .flatMap(rows -> rows.isEmpty() ? Mono.just(Map.<UUID, Outcome>of())
                        : places.gazetteer()
                                .flatMap(gazetteer -> blocking(() -> decideInIndex(inOrder(rows, reportIds),
                                        gazetteer, touched)))
                                .flatMap(this::store));
        return tx.transactional(decision).timeout(DECISION_TIMEOUT);
    }

    /** The rows in the order their reports were queued (roughly as received): the order of decisions. */
    private static List<ReportRow> inOrder(List<ReportRow> rows, List<UUID> queued) {
        Map<UUID, Integer> position = new HashMap<>();
        for (int i = 0; i < queued.size(); i++) {
            position.putIfAbsent(queued.get(i), i);
        }
        List<ReportRow> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparing(row -> position.getOrDefault(row.id(), Integer.MAX_VALUE)));
        return ordered;
    }

    /** The engine's decisions for a batch, each applied to the index before the next is made. */
    private record Batch(List<ClusterRepository.Placement> placements, List<UUID> newClusters,
            List<Instant> newClusterFirstReports) {
    }

    /** Blocking (the engine): reads, matches and applies every report of the batch, in order. */
    private Batch decideInIndex(List<ReportRow> rows, Gazetteer gazetteer, boolean[] touched) {
        List<ClusterRepository.Placement> placements = new ArrayList<>(rows.size());
        List<UUID> newClusters = new ArrayList<>();
        List<Instant> firstReports = new ArrayList<>();
        for (ReportRow report : rows) {
            // Where the problem is, stored with the decision, before the cluster is recounted from it.
            ProblemPlaces.Reading read = problemPlaces.read(report, gazetteer);
            MatchResult result = index.match(report.incoming());
            Optional<UUID> same = result instanceof MatchResult.SameProblem s ? Optional.of(UUID.fromString(s.clusterId()))
                    : Optional.empty();
            Optional<MatchExplanation> explanation = result instanceof MatchResult.SameProblem s
                    ? Optional.of(s.explanation()) : ((MatchResult.NewProblem) result).nearestMiss();
            // The index knew a cluster PostgreSQL has closed: start afresh rather than reopen it.
            UUID clusterId = same.filter(id -> !closed.contains(id)).orElse(null);
            boolean started = clusterId == null;
            if (started) {
                clusterId = UUID.randomUUID();
                newClusters.add(clusterId);
                firstReports.add(report.receivedAt());
            }
            touched[0] = true;
            index.applyDecided(report, clusterId.toString());
            placements.add(new ClusterRepository.Placement(report.id(), clusterId, read.place(), read.reading(),
                    explanation.map(MatchExplanation::score).orElse(null), explanations.write(result)));
            log.debug("Report id {} {} cluster {}", report.id(), started ? "started" : "joined", clusterId);
        }
        return new Batch(placements, newClusters, firstReports);
    }

    /**
     * Stores a batch decided in the index: checks the clusters joined are still open, then a few
     * statements for the whole batch, one recount per cluster touched and one notification.
     */
    private Mono<Map<UUID, Outcome>> store(Batch batch) {
        Set<UUID> newClusters = Set.copyOf(batch.newClusters());
        List<UUID> joined = batch.placements().stream().map(ClusterRepository.Placement::clusterId)
                .filter(id -> !newClusters.contains(id)).distinct().toList();
        List<UUID> touchedClusters = batch.placements().stream().map(ClusterRepository.Placement::clusterId)
                .distinct().toList();
        return repository.lockClusters(joined)
                .filter(c -> !c.open()).map(ClusterRepository.ClusterRow::id).collectList()
                .flatMap(shut -> shut.isEmpty() ? Mono.<Void>empty() : Mono.error(new ClosedClusterChosen(shut)))
                .then(repository.insertClusters(batch.newClusters(), batch.newClusterFirstReports()))
                .then(repository.placeReports(batch.placements()))
                .thenMany(repository.insertMatches(batch.placements()))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMap(seqs -> {
                    long last = seqs.values().stream().mapToLong(Long::longValue).max().orElse(-1);
                    Map<UUID, Outcome> outcomes = new HashMap<>();
                    batch.placements().forEach(p -> outcomes.put(p.reportId(), new Outcome(p.clusterId(), true)));
                    // Once per cluster and batch: a burst on one problem recounts it once, not per report.
                    return repository.recount(touchedClusters)
                            .then(last < 0 ? Mono.<Void>empty() : repository.notifyInstances(last))
                            .then(last < 0 ? Mono.empty() : blocking(() -> {
                                index.advanceTo(last);
                                return true;
                            }))
                            .thenReturn(outcomes);
                });
    }

    /**
     * The engine chose clusters PostgreSQL has closed: the batch is undone, and the next attempt
     * (one report at a time) starts new clusters instead of joining those.
     */
    static final class ClosedClusterChosen extends IllegalStateException {
        private final List<UUID> clusters;

        ClosedClusterChosen(List<UUID> clusters) {
            super("The matching index chose closed clusters " + clusters);
            this.clusters = List.copyOf(clusters);
        }
    }

    /** Only ever called from a task in the lane: applies the journal, and commits the index when due. */
    private Mono<Void> catchUpNow() {
        return applyJournal().then(commitWhenDue());
    }

    /** Applies what was committed after the index's position (searchable at once; not yet durable). */
    private Mono<Void> applyJournal() {
        return Mono.defer(() -> {
            long from = index.position();
            return repository.journalAfter(from)
                    .publishOn(Schedulers.boundedElastic())
                    .doOnNext(index::apply)
                    .then();
        });
    }

    /**
     * A Lucene commit costs several fsyncs: not one per decision, but at most one per
     * {@link #COMMIT_DELAY}. Nothing is lost by waiting: a crash before the commit leaves the index
     * at its last committed journal position, and the start-up catches up from there.
     */
    private Mono<Void> commitWhenDue() {
        return Mono.defer(() -> {
            if (!index.uncommitted()) {
                return Mono.empty();
            }
            long now = System.nanoTime();
            if (now - lastCommit >= COMMIT_DELAY.toNanos()) {
                return commitNow();
            }
            if (commitQueued.compareAndSet(false, true)) {
                Mono.delay(COMMIT_DELAY).then(inLane(Mono.defer(() -> {
                    commitQueued.set(false);
                    return index.uncommitted() ? commitNow() : Mono.<Void>empty();
                }))).subscribe(null, e -> {
                    commitQueued.set(false);
                    if (!(e instanceof LaneClosed)) {
                        log.warn("Committing the matching index failed; it is retried with the next decision", e);
                    }
                });
            }
            return Mono.empty();
        });
    }

    private Mono<Void> commitNow() {
        return blocking(() -> {
            index.commit();
            lastCommit = System.nanoTime();
            return true;
        }).then();
    }

    /** Runs {@code work} when everything queued before it has finished. */
    private <T> Mono<T> inLane(Mono<T> work) {
        return Mono.defer(() -> {
            Sinks.One<T> result = Sinks.one();
            Mono<Void> task = work
                    .doOnSuccess(value -> {
                        if (value == null) {
                            result.tryEmitEmpty();
                        } else {
                            result.tryEmitValue(value);
                        }
                    })
                    .doOnError(result::tryEmitError)
                    .onErrorResume(e -> Mono.empty())
                    .then();
            synchronized (lane) {
                Sinks.EmitResult emitted = lane.tryEmitNext(task);
                if (emitted.isFailure()) {
                    return Mono.error(new LaneClosed(emitted));
                }
            }
            return result.asMono();
        });
    }

    /** The lane takes no more work: the application is stopping. */
    static final class LaneClosed extends IllegalStateException {
        LaneClosed(Sinks.EmitResult emitted) {
            super("The matching lane is closed: " + emitted);
        }
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Stops taking work and lets what is queued finish for a few seconds; anything left undone is
     * redone from PostgreSQL at the next start.
     */
    void stop() {
        synchronized (lane) {
            lane.tryEmitComplete();
        }
        try {
            if (!drained.await(10, TimeUnit.SECONDS)) {
                log.warn("Matching work still queued at shutdown; it is redone from PostgreSQL at the next start");
                skipping = true;
                drained.await(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.dispose();
        connections.close();
    }
}
