package nl.hartslag.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import nl.hartslag.place.Places;
import nl.hartslag.web.DatabaseAvailable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Start-up and shutdown of the matching, before the web server accepts requests and after it has
 * stopped: open the index; rebuild it from PostgreSQL when it is empty (missing, corrupt) or its
 * last commit is not known to be complete; otherwise catch up with what other instances decided
 * meanwhile; listen for their decisions; and match every report that was stored but never matched.
 * The last two steps are repeated when the database is back after an outage, without a restart.
 */
@Component
class ClusterLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterLifecycle.class);
    /** Well before the web server (which starts at DEFAULT_PHASE - 2048), and so stopped after it. */
    private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
    private static final Duration START_UP = Duration.ofMinutes(30);

    private final Places places;
    private final ClusterIndex index;
    private final ClusterDecisions decisions;
    private final ClusterNotifications notifications;
    private final ProblemPlaces problemPlaces;
    private final ClusterSettings settings;
    private volatile boolean running;
    private volatile Disposable sweeping;

    ClusterLifecycle(Places places, ClusterIndex index, ClusterDecisions decisions,
            ClusterNotifications notifications, ProblemPlaces problemPlaces, ClusterSettings settings) {
        this.problemPlaces = problemPlaces;
        this.settings = settings;
        this.places = places;
        this.index = index;
        this.decisions = decisions;
        this.notifications = notifications;
    }

    @Override
    public void start() {
        // Start-up, not a request: waiting here keeps the order "index ready, then requests".
        index.open(places.rows().block(Duration.ofMinutes(1)));
        OptionalLong committed = index.committedPosition();
        if (index.isEmpty()) {
            decisions.rebuild().block(START_UP);
        } else if (committed.isEmpty()) {
            log.warn("The matching index in {} may be incomplete (no record of its last commit); rebuilding it",
                    index.directory());
            decisions.wipeAndRebuild().block(START_UP);
        } else {
            index.resumeAt(committed.getAsLong());
            decisions.catchUp().block(START_UP);
        }
        notifications.start();
        Long matched = decisions.decideUnmatched().block(START_UP);
        if (matched != null && matched > 0) {
            log.info("Matched {} reports that were stored but not yet matched", matched);
        }
        // Reports stored before problem places (V17) get theirs; a failure waits for the next start.
        problemPlaces.readUnread().onErrorResume(e -> {
            log.warn("Reading the problem places of older reports failed; retried at the next start: {}", e.toString());
            return reactor.core.publisher.Mono.empty();
        }).block(START_UP);
        running = true;
        sweep();
    }

    /**
     * The safety net under the retries of the live path: every so often, reports that have been
     * waiting longer than that for a cluster are matched (and so, on success, announced).
     */
    private void sweep() {
        Duration every = settings.sweepInterval();
        sweeping = Flux.interval(every, every)
                .onBackpressureDrop()
                .concatMap(tick -> decisions.decideUnmatched(Instant.now().minus(every)).onErrorResume(e -> {
                    if (running && !(e instanceof ClusterDecisions.LaneClosed)) {
                        log.warn("Sweeping unmatched reports failed; trying again in {}: {}", every, e.toString());
                    }
                    return Mono.empty();
                }))
                .subscribe(matched -> {
                    if (matched > 0) {
                        log.info("Matched {} reports left unmatched by the live path", matched);
                    }
                });
    }

    /** Reports stored just before (or during) an outage whose matching failed are matched now. */
    @EventListener
    void onDatabaseAvailable(DatabaseAvailable available) {
        if (!running) {
            return;
        }
        decisions.catchUp().then(decisions.decideUnmatched()).subscribe(matched -> {
            if (matched > 0) {
                log.info("Caught up on matching after the database outage: {} reports matched", matched);
            }
        }, e -> {
            if (running) {
                log.warn("Catching up on matching after the database outage failed; it is retried after the next"
                        + " outage or start: {}", e.toString());
            }
        });
    }

    @Override
    public void stop() {
        running = false;
        Disposable s = sweeping;
        if (s != null) {
            s.dispose();
        }
        notifications.stop();
        decisions.stop();
        index.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
