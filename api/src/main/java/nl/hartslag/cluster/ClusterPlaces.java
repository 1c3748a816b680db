package nl.hartslag.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import nl.hartslag.place.PlacesChanged;
import nl.hartslag.report.ReportCategoryChanged;
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
    private final ClusterRepository repository;

    ClusterPlaces(ClusterIndex index, ClusterRepository repository) {
        this.index = index;
        this.repository = repository;
    }

    /**
     * A coordinator corrected a report's category: its cluster compares by the corrected one from
     * now on (on this instance; others read it at their next rebuild or start).
     */
    @EventListener
    void onCategoryChanged(ReportCategoryChanged changed) {
        repository.reportByReference(changed.reference().value())
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(index::reread)
                .subscribe(null, e -> log.warn("The matching engine did not read report {} again: {}",
                        changed.reference(), e.toString()));
    }

    @EventListener
    void onPlacesChanged(PlacesChanged changed) {
        Mono.fromRunnable(() -> index.updatePlaces(changed.rows()))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(null, e -> log.error("The matching engine did not take the new places; they apply after"
                        + " the next start", e));
    }
}
