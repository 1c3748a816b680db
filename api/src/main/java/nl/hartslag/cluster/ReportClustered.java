package nl.hartslag.cluster;

import java.util.UUID;

/**
 * Published once a report's cluster is committed (by the engine here, or found already decided: a
 * resident's "me too", another instance, a catch-up), for features that act on a report's problem
 * rather than on the report alone (a work order per problem). It may come more than once for one
 * report (a live decision racing a catch-up): listeners must be idempotent.
 */
public record ReportClustered(UUID reportId, UUID clusterId) {
}
