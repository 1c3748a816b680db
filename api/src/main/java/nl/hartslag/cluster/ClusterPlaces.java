package nl.hartslag.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import nl.hartslag.place.PlacesChanged;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps the matching engine's places current: when a landmark is added (here or on another
 * instance) the engine reads reports against the new places, without a restart. Off the event
 * loop: the index is locked while it works and the live clusters are read again.
 */
@Component
class ClusterPlaces {

    private static final Logger log = LoggerFactory.getLogger(ClusterPlaces.class);

    private final ClusterIndex index;

    ClusterPlaces(ClusterIndex index) {
        this.index = index;
    }

    @EventListener
    void onPlacesChanged(PlacesChanged changed) {
        Mono.fromRunnable(() -> index.updatePlaces(changed.rows()))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(null, e -> log.error("The matching engine did not take the new places; they apply after"
                        + " the next start", e));
    }
}
