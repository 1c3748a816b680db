package nl.hartslag.db.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded servers of this JVM, one per data directory. Several application contexts in one
 * JVM (tests) share a server through leases; the last lease released stops it, so a restart on
 * the same directory really restarts PostgreSQL from its files.
 *
 * <p>There is deliberately no JVM shutdown hook that stops the server on its own: it would race
 * the application's graceful shutdown (requests and sends in flight still need the database). The
 * application context stops it last ({@link EmbeddedPostgresLifecycle}); a start that fails before
 * the context exists releases its lease through {@link EmbeddedPostgresFailureListener}. Only a
 * server whose lease is never released (no context ever closed it) is stopped at JVM exit, and
 * only after waiting for contexts still closing.
 */
final class EmbeddedPostgresRegistry {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresRegistry.class);

    /** How long the exit safety net waits for application contexts to release their leases. */
    private static final long EXIT_GRACE_MILLIS = 45_000;

    /** What a context needs to connect, and its claim on the server. */
    static final class Lease {
        private final String id;
        private final Path directory;
        private final int port;
        private final PostgresServer.Credentials application;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(String id, Path directory, int port, PostgresServer.Credentials application) {
            this.id = id;
            this.directory = directory;
            this.port = port;
            this.application = application;
        }

        String id() {
            return id;
        }

        Path directory() {
            return directory;
        }

        int port() {
            return port;
        }

        PostgresServer.Credentials application() {
            return application;
        }

        /** Idempotent: the lifecycle and the failure listener may both release the same lease. */
        void release() {
            if (released.compareAndSet(false, true)) {
                EmbeddedPostgresRegistry.release(this);
            }
        }
    }

    private record Running(PostgresServer server, int users) {
    }

    private static final Map<Path, Running> RUNNING = new HashMap<>();
    private static final Map<String, Lease> LEASES = new HashMap<>();
    private static long leaseCounter;
    private static boolean exitHookAdded;

    private EmbeddedPostgresRegistry() {
    }

    static Lease acquire(Path directory) {
        return acquire(directory, LogFactory.getLog(PostgresServer.class));
    }

    /** {@code startLog}: where what the start finds is told (a deferred log while Boot prepares its environment). */
    static synchronized Lease acquire(Path directory, Log startLog) {
        Path dir = directory.toAbsolutePath().normalize();
        Running running = RUNNING.get(dir);
        if (running == null) {
            running = new Running(PostgresServer.start(dir, startLog), 0);
            addExitSafetyNet();
        }
        RUNNING.put(dir, new Running(running.server(), running.users() + 1));
        Lease lease = new Lease(Long.toString(++leaseCounter), dir, running.server().port(),
                running.server().application());
        LEASES.put(lease.id(), lease);
        return lease;
    }

    static synchronized Lease lease(String id) {
        return LEASES.get(id);
    }

    /** The running server on a directory (tests and the operator-facing checks read its superuser). */
    static synchronized PostgresServer server(Path directory) {
        Running running = RUNNING.get(directory.toAbsolutePath().normalize());
        return running == null ? null : running.server();
    }

    private static synchronized void release(Lease lease) {
        LEASES.remove(lease.id());
        Running running = RUNNING.get(lease.directory());
        if (running == null) {
            return;
        }
        if (running.users() > 1) {
            RUNNING.put(lease.directory(), new Running(running.server(), running.users() - 1));
            return;
        }
        RUNNING.remove(lease.directory());
        running.server().stop();
        EmbeddedPostgresRegistry.class.notifyAll();
    }

    private static void addExitSafetyNet() {
        if (exitHookAdded) {
            return;
        }
        exitHookAdded = true;
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresRegistry::stopLeftovers,
                "hartslag-postgres-leftovers"));
    }

    /** At JVM exit: give closing contexts time to stop their servers in order, then stop what is left. */
    private static synchronized void stopLeftovers() {
        long deadline = System.currentTimeMillis() + EXIT_GRACE_MILLIS;
        while (!RUNNING.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                EmbeddedPostgresRegistry.class.wait(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Running running : RUNNING.values()) {
            log.warn("Stopping PostgreSQL in {}: no application context released it", running.server().directory());
            running.server().stop();
        }
        RUNNING.clear();
    }
}
