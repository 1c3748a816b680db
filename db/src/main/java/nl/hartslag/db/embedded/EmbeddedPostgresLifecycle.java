package nl.hartslag.db.embedded;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

import io.r2dbc.spi.Closeable;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;

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
    private final ObjectProvider<ConnectionFactory> connections;
    private volatile boolean running;

    EmbeddedPostgresLifecycle(EmbeddedPostgresRegistry.Lease lease, ObjectProvider<ConnectionFactory> connections) {
        this.lease = lease;
        this.connections = connections;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        // Close the pool while the server still answers: closed afterwards, every pooled connection
        // would report a broken pipe.
        ConnectionFactory factory = connections.getIfAvailable();
        if (factory instanceof Closeable pool) {
            try {
                Mono.from(pool.close()).block(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                log.debug("Closing the connection pool", e);
            }
        }
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
