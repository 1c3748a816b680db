package nl.hartslag.casework;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * What the work-order classes still in this package ({@code WorkOrders}, {@code SplitWorkOrders})
 * need from routing, now that routing is its own feature ({@link nl.hartslag.routing.Routing}
 * implements it). Temporary: when work orders move to {@code nl.hartslag.workorder} they call
 * {@code nl.hartslag.routing.Routing} and {@link Categories#DOMESTIC} directly, and this goes.
 */
public interface Routing {

    /** @see Categories#DOMESTIC */
    String DOMESTIC = Categories.DOMESTIC;

    /** A coordinator split a report off its problem: it leaves that problem's open work orders and is routed anew. */
    Mono<Void> splitOff(UUID reportId, UUID fromCluster, String actor);
}
