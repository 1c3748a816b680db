package nl.hartslag.routing;

import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.hartslag.cluster.SplitFollower;
import reactor.core.publisher.Mono;

/** Work orders follow a coordinator's split, in the split's transaction (see {@link Routing#splitOff}). */
@Component
class SplitWorkOrders implements SplitFollower {

    private final Routing routing;

    SplitWorkOrders(Routing routing) {
        this.routing = routing;
    }

    @Override
    public Mono<Void> reportSplit(UUID reportId, UUID fromCluster, UUID toCluster, String actor) {
        return routing.splitOff(reportId, fromCluster, actor);
    }
}
