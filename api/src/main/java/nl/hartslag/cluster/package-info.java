/**
 * Clusters: reports about the same problem, kept by the matching engine and stored in PostgreSQL;
 * matching on intake, the index's rebuild and multi-instance consistency, and what residents and
 * coordinators see of clusters.
 */
package nl.hartslag.cluster;
