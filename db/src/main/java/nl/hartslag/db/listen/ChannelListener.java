package nl.hartslag.db.listen;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * {@code LISTEN} on a PostgreSQL channel, on a connection of its own: outside the pool, because a
 * pooled connection goes back to others and would stop listening. The connection is opened again
 * after any loss, with back-off, for as long as the subscription lasts; disposing it closes the
 * connection. Notifications sent while disconnected are lost, so every (re)connection is announced
 * (as an empty element): the subscriber catches up then, and a lost notification is harmless.
 *
 * <p>A notification is a wake-up, not a message: every consumer looks in the database for what
 * changed. So a burst is coalesced to the latest payload of the channel while the subscriber is
 * busy (the driver's sink fails with "Backpressure overflow" when a subscriber falls behind and
 * nothing buffers). The reconnect back-off starts again from its first step after every
 * successful reconnection, so a connection that is killed now and then is back within a second.
 */
public final class ChannelListener {

    private static final Logger log = LoggerFactory.getLogger(ChannelListener.class);
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private ChannelListener() {
    }

    /**
     * Empty when (re)connected and listening, then each notification's payload. Never completes;
     * an error is only signalled when the database is not PostgreSQL (nothing to listen to).
     */
    public static Flux<Optional<String>> listen(ConnectionFactory connections, String channel) {
        return listen(connections, channel, INITIAL_BACKOFF, delay -> {
        });
    }

    /** As {@link #listen(ConnectionFactory, String)}, telling {@code reconnectDelays} each wait before reconnecting. */
    static Flux<Optional<String>> listen(ConnectionFactory connections, String channel, Duration initialBackoff,
            Consumer<Duration> reconnectDelays) {
        if (!channel.matches("^[a-z_]{1,63}$")) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        ConnectionFactory direct = unpooled(connections);
        return Flux.usingWhen(Mono.from(direct.create()),
                        c -> {
                            if (!(c instanceof PostgresqlConnection postgres)) {
                                return Flux.error(new NotPostgres(c.getClass().getName()));
                            }
                            return postgres.createStatement("LISTEN " + channel).execute()
                                    .flatMap(PostgresqlResult::getRowsUpdated)
                                    .then(Mono.just(Optional.<String>empty()))
                                    .concatWith(postgres.getNotifications()
                                            .map(n -> Optional.of(n.getParameter() == null ? "" : n.getParameter()))
                                            // Coalesce a burst: only the newest wake-up waits for a busy subscriber.
                                            .onBackpressureLatest())
                                    .concatWith(Mono.error(new IllegalStateException("connection closed")));
                        },
                        c -> c.close())
                .retryWhen(Retry.from(signals -> signals.concatMap(signal -> {
                    if (signal.failure() instanceof NotPostgres) {
                        return Mono.error(signal.failure());
                    }
                    // In a row: the count starts again after any element, and every successful
                    // reconnection emits one (its announcement), so the back-off resets there.
                    Duration delay = backoff(initialBackoff, signal.totalRetriesInARow());
                    reconnectDelays.accept(delay);
                    log.warn("Listening on {}: reconnecting in {} ms ({})", channel, delay.toMillis(),
                            signal.failure().getMessage());
                    return Mono.delay(delay);
                })));
    }

    /** Doubling from {@code initial} up to {@link #MAX_BACKOFF}, with up to 20 % jitter so instances do not reconnect in step. */
    static Duration backoff(Duration initial, long retriesInARow) {
        long base = initial.toMillis() << Math.min(retriesInARow, 16);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 5 + 1));
    }

    private static ConnectionFactory unpooled(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
                && inner != current) {
            current = inner;
        }
        return current;
    }

    /** The database is not PostgreSQL: there is no channel to listen on, and reconnecting cannot help. */
    private static final class NotPostgres extends RuntimeException {
        NotPostgres(String connectionType) {
            super("LISTEN needs a PostgreSQL connection, not " + connectionType);
        }
    }
}
