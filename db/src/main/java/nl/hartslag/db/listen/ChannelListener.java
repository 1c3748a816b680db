package nl.hartslag.db.listen;

import java.time.Duration;
import java.util.Optional;

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
 */
public final class ChannelListener {

    private static final Logger log = LoggerFactory.getLogger(ChannelListener.class);

    private ChannelListener() {
    }

    /**
     * Empty when (re)connected and listening, then each notification's payload. Never completes;
     * an error is only signalled when the database is not PostgreSQL (nothing to listen to).
     */
    public static Flux<Optional<String>> listen(ConnectionFactory connections, String channel) {
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
                                            .map(n -> Optional.of(n.getParameter() == null ? "" : n.getParameter())))
                                    .concatWith(Mono.error(new IllegalStateException("connection closed")));
                        },
                        c -> c.close())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(30))
                        .filter(e -> !(e instanceof NotPostgres))
                        .doBeforeRetry(s -> log.warn("Listening on {}: reconnecting ({})", channel,
                                s.failure().getMessage())));
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
