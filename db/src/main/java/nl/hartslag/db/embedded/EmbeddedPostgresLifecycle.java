package nl.hartslag.db.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Stops the embedded server when the application context that started it closes, and not
 * before: the lowest phase stops last, after the web server has finished its requests and the
 * notification dispatchers have stored the results of their sends.
 *
 * <p>The server itself starts before the context exists (R2DBC and Flyway need its address), so
 * {@link #start()} only records that the context runs.
 */
final class EmbeddedPostgresLifecycle implements SmartLifecycle {

    /** Stops after every other lifecycle bean. */
    static final int PHASE = Integer.MIN_VALUE;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresLifecycle.class);

    private final EmbeddedPostgresRegistry.Lease lease;
    private volatile boolean running;

    EmbeddedPostgresLifecycle(EmbeddedPostgresRegistry.Lease lease) {
        this.lease = lease;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        log.debug("Application stopped; releasing PostgreSQL in {}", lease.directory());
        lease.release();
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
