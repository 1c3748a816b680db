package nl.hartslag.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
    /** The most reports decided in one transaction. */
    static final int MAX_BATCH = 64;
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

    ClusterDecisions(ClusterRepository repository, ClusterIndex index, ExplanationJson explanations,
            ProblemPlaces problemPlaces, ReactiveTransactionManager transactions, ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
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
     * transaction under the journal lock: first learn what others decided, then decide report by
     * report, each decision searchable by the next ({@code touched} says the index has changed).
     */
    private Mono<Map<UUID, Outcome>> decideNow(List<UUID> reportIds, boolean[] touched) {
        Map<UUID, Outcome> outcomes = new HashMap<>();
        Set<UUID> clusters = new LinkedHashSet<>();
        long[] last = { -1 };
        Mono<Map<UUID, Outcome>> decision = repository.lockJournal()
                .then(Mono.defer(this::applyJournal))
                .thenMany(Flux.fromIterable(reportIds).concatMap(id -> repository.lockUndecided(id)
                        .flatMap(report -> problemPlaces.record(report)
                                // Where the problem is, stored before the cluster is recounted from it.
                                .then(blocking(() -> index.match(report.incoming())))
                                .flatMap(result -> store(report, result))
                                .flatMap(stored -> blocking(() -> {
                                    touched[0] = true;
                                    index.applyDecided(report, stored.clusterId().toString(), stored.seq());
                                    return stored;
                                }))
                                .doOnNext(stored -> {
                                    outcomes.put(id, new Outcome(stored.clusterId(), true));
                                    clusters.add(stored.clusterId());
                                    last[0] = Math.max(last[0], stored.seq());
                                }))))
                // Once per cluster and batch: a burst on one problem recounts it once, not per report.
                .thenMany(Flux.defer(() -> Flux.fromIterable(clusters)).concatMap(repository::recount))
                .then(Mono.defer(() -> last[0] < 0 ? Mono.<Void>empty() : repository.notifyInstances(last[0])))
                .then(Mono.fromSupplier(() -> outcomes));
        return tx.transactional(decision).timeout(DECISION_TIMEOUT);
    }

    /** A decision stored: its cluster and journal number. */
    private record Stored(UUID clusterId, long seq) {
    }

    private Mono<Stored> store(ReportRow report, MatchResult result) {
        Optional<UUID> same = result instanceof MatchResult.SameProblem s ? Optional.of(UUID.fromString(s.clusterId()))
                : Optional.empty();
        Optional<MatchExplanation> explanation = result instanceof MatchResult.SameProblem s ? Optional.of(s.explanation())
                : ((MatchResult.NewProblem) result).nearestMiss();
        Mono<UUID> target = same
                .map(id -> repository.lockCluster(id)
                        .filter(ClusterRepository.ClusterRow::open)
                        .map(ClusterRepository.ClusterRow::id)
                        // The index knew a cluster PostgreSQL has closed: start afresh rather than reopen it.
                        .switchIfEmpty(Mono.defer(() -> newCluster(report))))
                .orElseGet(() -> newCluster(report));
        return target.flatMap(clusterId -> repository.placeReport(report.id(), clusterId)
                .then(repository.insertMatch(report.id(), clusterId, explanation.map(MatchExplanation::score).orElse(null),
                        explanations.write(result), "engine"))
                .map(seq -> new Stored(clusterId, seq))
                .doOnSuccess(done -> log.debug("Report id {} {} cluster {}", report.id(),
                        same.isPresent() && same.get().equals(clusterId) ? "joined" : "started", clusterId)));
    }

    private Mono<UUID> newCluster(ReportRow report) {
        UUID id = UUID.randomUUID();
        return repository.insertCluster(id, report.receivedAt()).thenReturn(id);
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
    }
}
