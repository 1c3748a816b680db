package nl.hartslag.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import nl.hartslag.report.ReportPersonalDataErased;

/**
 * A reporter erased their contact data (issue 15): their report no longer proves a household, so
 * the problem's counts are computed again by the one rule (V10). After the erasure's commit; a
 * failure here only leaves the count one too high until the cluster next changes.
 */
@Component
class ErasedReporters {

    private static final Logger log = LoggerFactory.getLogger(ErasedReporters.class);

    private final ClusterRepository repository;

    ErasedReporters(ClusterRepository repository) {
        this.repository = repository;
    }

    @EventListener
    void onErased(ReportPersonalDataErased erased) {
        if (erased.clusterId() == null) {
            return;
        }
        repository.recount(erased.clusterId())
                .subscribe(null, e -> log.warn("The household count of cluster {} was not recomputed after an"
                        + " erasure: {}", erased.clusterId(), e.toString()));
    }
}
