package nl.hartslag;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import nl.hartslag.web.DatabaseUnavailable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A piece of housekeeping that runs every so often while the application runs (sweeping expired
 * conversations and offers, checking escalation rules). One run at a time; a failed run is logged
 * and the next one tries again; a tick that comes while a run is busy is dropped.
 */
public abstract class Periodic implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final Duration first;
    private final Duration every;
    private final String what;
    private volatile Disposable running;

    protected Periodic(Duration every, String what) {
        this(every, every, what);
    }

    /**
     * A first run {@code first} after start, then every {@code every}: for a daily job, so that a
     * service restarted more often than once a day still runs it.
     */
    protected Periodic(Duration first, Duration every, String what) {
        this.first = first;
        this.every = every;
        this.what = what;
    }

    /** One run. */
    protected abstract Mono<?> once();

    @Override
    public void start() {
        running = Flux.interval(first, every)
                .onBackpressureDrop()
                .concatMap(tick -> once().onErrorResume(e -> {
                    if (DatabaseUnavailable.isCause(e)) {
                        // The outage is logged once (DatabaseAvailability); a stack every tick would bury it.
                        log.debug("{} waits for the database; trying again in {}", what, every);
                    } else {
                        log.warn("{} failed; trying again in {}", what, every, e);
                    }
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable d = running;
        if (d != null) {
            d.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
