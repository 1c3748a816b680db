package nl.hartslag.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    private final ClusterRepository repository;
    private final ClusterIndex index;
    private final ExplanationJson explanations;
    private final TransactionalOperator tx;
    private final TransactionalOperator snapshot;
    private final ApplicationEventPublisher events;
    private final Sinks.Many<Mono<Void>> lane = Sinks.many().unicast().onBackpressureBuffer();
    private final CountDownLatch drained = new CountDownLatch(1);
    private final Disposable worker;
    private volatile boolean skipping;

    ClusterDecisions(ClusterRepository repository, ClusterIndex index, ExplanationJson explanations,
            ReactiveTransactionManager transactions, ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.index = index;
        this.explanations = explanations;
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
        return inLane(repository.report(reportId)
                .flatMap(report -> report.clusterId() != null ? Mono.just(new Outcome(report.clusterId(), false))
                        : decideNow(reportId).map(cluster -> new Outcome(cluster, true))
                                // Decided meanwhile by someone else (the lock found it clustered): read it.
                                .switchIfEmpty(Mono.defer(() -> repository.report(reportId)
                                        .mapNotNull(ReportRow::clusterId).map(cluster -> new Outcome(cluster, false)))))
                .flatMap(outcome -> Mono.defer(this::catchUpNow).timeout(CATCH_UP_TIMEOUT).thenReturn(outcome)))
                // Outside the lane (the lane's task has finished): listeners may start work of their own.
                .doOnNext(outcome -> events.publishEvent(new ReportClustered(reportId, outcome.clusterId())))
                .map(Outcome::made)
                .defaultIfEmpty(false);
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
                .concatMap(id -> decided(id).filter(Boolean::booleanValue)
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
                        }))
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
        return inLane(Mono.defer(() -> {
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
        }));
    }

    /** Deletes the index and rebuilds it (for an operator, or a test, that distrusts it). */
    Mono<Long> wipeAndRebuild() {
        return inLane(blocking(() -> {
            index.wipe();
            return true;
        })).then(rebuild());
    }

    /** The cluster chosen and committed; empty when the report was decided meanwhile. */
    private Mono<UUID> decideNow(UUID reportId) {
        Mono<UUID> decision = repository.lockJournal()
                .then(repository.lockUndecided(reportId))
                // Under the journal lock nobody else can decide; first learn what others decided.
                .flatMap(report -> catchUpNow()
                        .then(blocking(() -> index.match(report.incoming())))
                        .flatMap(result -> store(report, result)));
        return tx.transactional(decision).timeout(DECISION_TIMEOUT);
    }

    private Mono<UUID> store(ReportRow report, MatchResult result) {
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
                .flatMap(seq -> repository.recount(clusterId).then(repository.notifyInstances(seq)))
                .doOnSuccess(done -> log.info("Report id {} {} cluster {}", report.id(),
                        same.isPresent() && same.get().equals(clusterId) ? "joined" : "started", clusterId))
                .thenReturn(clusterId));
    }

    private Mono<UUID> newCluster(ReportRow report) {
        UUID id = UUID.randomUUID();
        return repository.insertCluster(id, report.receivedAt()).thenReturn(id);
    }

    /** Only ever called from a task in the lane. */
    private Mono<Void> catchUpNow() {
        return Mono.defer(() -> {
            long from = index.position();
            return repository.journalAfter(from)
                    .publishOn(Schedulers.boundedElastic())
                    .doOnNext(index::apply)
                    .count()
                    .flatMap(applied -> applied == 0 ? Mono.empty() : blocking(() -> {
                        index.commit();
                        return applied;
                    }))
                    .then();
        });
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
