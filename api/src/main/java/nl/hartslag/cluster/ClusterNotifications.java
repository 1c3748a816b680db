package nl.hartslag.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.ConnectionFactory;
import nl.hartslag.db.listen.ChannelListener;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Hears about journal rows committed by any instance ({@code LISTEN hartslag_cluster}). Each
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

    ClusterNotifications(ConnectionFactory connections, ClusterDecisions decisions, ClusterIndex index) {
        this.connections = connections;
        this.decisions = decisions;
        this.index = index;
    }

    void start() {
        listening = ChannelListener.listen(connections, ClusterRepository.CHANNEL)
                // Connected (empty): catch up on whatever was missed; a payload newer than ours: catch up.
                .concatMap(payload -> payload.isPresent() && parse(payload.get()) <= index.position() ? Mono.empty()
                        : decisions.catchUp().onErrorResume(e -> {
                            log.warn("Catching up with the cluster journal failed", e);
                            return Mono.empty();
                        }))
                .subscribe(null, e -> log.warn("Other instances' cluster decisions arrive only at the next start: {}",
                        e.getMessage()));
    }

    void stop() {
        Disposable l = listening;
        if (l != null) {
            l.dispose();
        }
    }

    private static long parse(String payload) {
        try {
            return Long.parseLong(payload);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // unknown: catch up anyway
        }
    }
}
