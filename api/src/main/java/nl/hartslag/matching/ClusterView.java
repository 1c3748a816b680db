package nl.hartslag.matching;

import java.time.Instant;

/**
 * What the engine knows of a live cluster: how many reports, from how many places (a proxy for
 * households until the service counts them), first and last report, and a representative place.
 */
public record ClusterView(String clusterId, int reports, Instant firstReport, Instant lastReport, Double lat,
        Double lon, String street, String kind) {
}
