package nl.hartslag.web;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;

/**
 * Which failures mean "PostgreSQL cannot be reached" (the service answers 503 and waits for it),
 * as opposed to a fault in a request or in our code (4xx, or 500 and a stack trace). Only the
 * connection is judged, never the data: a constraint violation or a bad value is never an outage.
 */
public final class DatabaseUnavailable {

    /**
     * SQLSTATE 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
     * shutting down, in recovery); class 08 (connection exception) is matched by its prefix.
     */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure}, or anything that caused it, says the database cannot be reached. */
    public static boolean isCause(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (isUnavailable(t)) {
                return true;
            }
        }
        return false;
    }

    /** One line for the log: the deepest cause's type and message, never a stack. */
    public static String summary(Throwable failure) {
        Throwable root = failure;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        while (root.getCause() != null && seen.put(root, true) == null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static boolean isUnavailable(Throwable t) {
        // Spring's translations of the R2DBC resource failures, and its "Failed to obtain R2DBC Connection".
        if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException) {
            return true;
        }
        // The driver's own: connection refused or closed (PostgresConnectionException,
        // PostgresConnectionClosedException), SQLSTATE class 08 and 53 (out of connections, memory, disk).
        if (t instanceof R2dbcNonTransientResourceException || t instanceof R2dbcTransientResourceException) {
            return true;
        }
        // The pool gave up acquiring, creating or validating a connection; a statement timeout
        // (57014, from the server) is the server answering, so it does not count.
        if (t instanceof R2dbcTimeoutException && t.getCause() instanceof TimeoutException) {
            return true;
        }
        if (t instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null) {
            String state = r2dbc.getSqlState();
            return state.startsWith("08") || SHUTDOWN_STATES.contains(state);
        }
        return t instanceof java.net.ConnectException || t instanceof io.netty.channel.ConnectTimeoutException
                || t instanceof reactor.pool.PoolAcquireTimeoutException;
    }
}
