package nl.hartslag.cluster;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * A feature that keeps something per problem (case work keeps work orders) and must follow a
 * coordinator's split in the split's own transaction, so that a correction sticks everywhere or
 * nowhere. The cluster feature calls every follower; it never knows what they keep.
 */
public interface SplitFollower {

    /**
     * The report now belongs to {@code toCluster}, a problem of its own, and never to {@code fromCluster}
     * again. Runs inside the split's transaction: an error rolls the split back.
     */
    Mono<Void> reportSplit(UUID reportId, UUID fromCluster, UUID toCluster, String actor);
}
