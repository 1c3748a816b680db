package nl.hartslag.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Whether PostgreSQL can be reached, as this instance sees it. A request or a background task that
 * fails because the database is unreachable says so ({@link #failed}); from then on readiness is
 * DOWN and requests are answered 503, until a probe on a connection of its own gets an answer
 * again. Then {@link DatabaseAvailable} is published, so work that failed meanwhile is redone.
 *
 * <p>An outage is logged once when it starts and once when it ends, never per request: during an
 * outage every request fails the same way, and a stack trace each would bury everything else.
 *
 * <p>The probe runs every {@code hartslag.outage.probe-interval} whatever the state, so an outage
 * is noticed (and readiness goes DOWN) even when no request comes in. It bypasses the connection
 * pool: under load every pooled connection may be busy, which must not look like an outage.
 */
@Component
public class DatabaseAvailability implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);

    private final ConnectionFactory direct;
    private final ApplicationEventPublisher events;
    private final OutageSettings settings;
    private final Clock clock = Clock.systemUTC();
    /** When the current outage began; null while the database answers. */
    private final AtomicReference<Instant> unreachableSince = new AtomicReference<>();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Disposable probes;

    DatabaseAvailability(ConnectionFactory connections, ApplicationEventPublisher events, OutageSettings settings) {
        this.direct = unpooled(connections);
        this.events = events;
        this.settings = settings;
    }

    public boolean isAvailable() {
        return unreachableSince.get() == null;
    }

    /** When the current outage began; empty while the database answers. */
    public Optional<Instant> unreachableSince() {
        return Optional.ofNullable(unreachableSince.get());
    }

    /**
     * Records a failure: true (and the outage begins, if it had not) when it means the database
     * cannot be reached; false for any other failure, which the caller handles as before.
     */
    public boolean failed(Throwable failure) {
        if (!DatabaseUnavailable.isCause(failure)) {
            return false;
        }
        Instant now = clock.instant();
        if (unreachableSince.compareAndSet(null, now)) {
            log.error("Database unreachable since {} ({}); answering 503 until it is back", now,
                    DatabaseUnavailable.summary(failure));
        }
        return true;
    }

    /** Seconds a client should wait before trying again ({@code Retry-After}). */
    public long retryAfterSeconds() {
        return settings.retryAfter().toSeconds();
    }

    private void probe() {
        if (!probing.compareAndSet(false, true)) {
            return;
        }
        Instant started = clock.instant();
        Mono.usingWhen(Mono.from(direct.create()),
                        c -> Flux.from(c.createStatement("SELECT 1").execute())
                                .flatMap(result -> result.map((row, meta) -> 1)).then(),
                        Connection::close)
                .timeout(settings.probeTimeout())
                .doFinally(signal -> probing.set(false))
                .subscribe(null, this::probeFailed, () -> answered(started));
    }

    private void probeFailed(Throwable failure) {
        // A probe that cannot finish in time means unreachable, whatever the exception says.
        if (!failed(failure) && unreachableSince.compareAndSet(null, clock.instant())) {
            log.error("Database unreachable since {} (no answer to a probe: {}); answering 503 until it is back",
                    unreachableSince.get(), DatabaseUnavailable.summary(failure));
        }
    }

    private void answered(Instant probeStarted) {
        Instant since = unreachableSince.get();
        // An answer to a probe sent before the outage was noticed says nothing about now.
        if (since == null || probeStarted.isBefore(since) || !unreachableSince.compareAndSet(since, null)) {
            return;
        }
        Duration outage = Duration.between(since, clock.instant());
        log.info("Database reachable again after {} ms (unreachable since {}); catching up on work that failed"
                + " meanwhile", outage.toMillis(), since);
        // Listeners start their catch-up here; off the connection's event loop, in case one waits.
        Schedulers.boundedElastic().schedule(() -> events.publishEvent(new DatabaseAvailable(since, outage)));
    }

    @Override
    public void start() {
        probes = Flux.interval(settings.probeInterval(), settings.probeInterval(), Schedulers.parallel())
                .onBackpressureDrop()
                .subscribe(tick -> probe());
    }

    @Override
    public void stop() {
        Disposable p = probes;
        if (p != null) {
            p.dispose();
        }
        probes = null;
    }

    @Override
    public boolean isRunning() {
        return probes != null;
    }

    /** The driver's own factory beneath the pool. */
    private static ConnectionFactory unpooled(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
                && inner != current) {
            current = inner;
        }
        return current;
    }
}
