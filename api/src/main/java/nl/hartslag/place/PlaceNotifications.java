package nl.hartslag.place;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.ConnectionFactory;
import nl.hartslag.db.listen.ChannelListener;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Hears about landmarks added on any instance ({@code LISTEN hartslag_places}): each notification,
 * and every (re)connection, makes this instance read its places again ({@link Places#reload()},
 * which publishes {@link PlacesChanged} only when something changed). A notification lost while
 * disconnected is therefore harmless.
 */
@Component
class PlaceNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PlaceNotifications.class);

    private final ConnectionFactory connections;
    private final Places places;
    private volatile Disposable listening;

    PlaceNotifications(ConnectionFactory connections, Places places) {
        this.connections = connections;
        this.places = places;
    }

    @Override
    public void start() {
        listening = ChannelListener.listen(connections, Landmarks.CHANNEL)
                .concatMap(payload -> places.reload().onErrorResume(e -> {
                    log.warn("Reading the places again after a change failed; retried at the next change", e);
                    return Mono.empty();
                }))
                .subscribe(null, e -> log.warn("Landmarks added on other instances arrive only at the next start: {}",
                        e.getMessage()));
    }

    @Override
    public void stop() {
        Disposable l = listening;
        if (l != null) {
            l.dispose();
        }
        listening = null;
    }

    @Override
    public boolean isRunning() {
        return listening != null;
    }
}
