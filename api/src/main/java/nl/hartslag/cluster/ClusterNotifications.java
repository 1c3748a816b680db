package nl.hartslag.cluster;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Hears about journal rows committed by any instance: {@code LISTEN hartslag_cluster} on a
 * connection of its own (outside the pool, because a pooled connection goes back to others). Each
 * notification, and every (re)connection, makes this instance catch up with the journal; a
 * notification lost while disconnected is therefore harmless.
 */
@Component
class ClusterNotifications {

    private static final Logger log = LoggerFactory.getLogger(ClusterNotifications.class);

    private final ConnectionFactory connections;
    private final ClusterDecisions decisions;
    private final ClusterIndex index;
    private volatile Disposable listening;
    private volatile Connection connection;

    ClusterNotifications(ConnectionFactory connections, ClusterDecisions decisions, ClusterIndex index) {
        this.connections = connections;
        this.decisions = decisions;
        this.index = index;
    }

    void start() {
        ConnectionFactory direct = unpooled(connections);
        listening = Mono.from(direct.create())
                .flatMapMany(c -> {
                    connection = c;
                    if (!(c instanceof PostgresqlConnection postgres)) {
                        log.warn("Not a PostgreSQL connection ({}); other instances' decisions arrive only at"
                                + " the next start", c.getClass().getName());
                        return Mono.from(c.close()).thenMany(Flux.<Long>never());
                    }
                    return postgres.createStatement("LISTEN " + ClusterRepository.CHANNEL).execute()
                            .flatMap(PostgresqlResult::getRowsUpdated)
                            .then(decisions.catchUp().onErrorResume(e -> Mono.empty()))
                            .thenMany(postgres.getNotifications())
                            .map(n -> parse(n.getParameter()))
                            .concatMap(seq -> seq <= index.position() ? Mono.empty()
                                    : decisions.catchUp().onErrorResume(e -> {
                                        log.warn("Catching up with the cluster journal failed", e);
                                        return Mono.empty();
                                    }))
                            .then(Mono.<Long>error(new IllegalStateException("notification connection closed")))
                            .doFinally(signal -> Mono.from(c.close()).subscribe(null, e -> { }));
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(s -> log.warn("Listening for cluster decisions: reconnecting ({})",
                                s.failure().getMessage())))
                .subscribe(null, e -> log.error("Stopped listening for cluster decisions", e));
    }

    void stop() {
        Disposable l = listening;
        if (l != null) {
            l.dispose();
        }
        Connection c = connection;
        if (c != null) {
            Mono.from(c.close()).onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(5));
        }
    }

    private static long parse(String payload) {
        try {
            return Long.parseLong(payload);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // unknown: catch up anyway
        }
    }

    private static ConnectionFactory unpooled(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
                && inner != current) {
            current = inner;
        }
        return current;
    }
}
