package nl.hartslag.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Matching on intake ({@code hartslag.cluster.*}).
 *
 * @param retryFirstBackoff wait before the first retry of a report whose matching failed (a
 *            transient database error, an engine exception); doubled at each further attempt
 * @param retryMaxBackoff the longest wait between two retries
 * @param retryAttempts retries after the first failure; then the report waits for the sweep
 * @param sweepInterval how often reports left without a cluster (retries exhausted) are matched
 *            again; a safety net, not the normal path, which is the event after intake
 * @param matchingConnections connections of the matching lane's own pool, beside the shared one
 *            (0: the lane uses the shared pool); see {@link MatchingConnections}
 */
@Validated
@ConfigurationProperties("hartslag.cluster")
public record ClusterSettings(
        @DefaultValue("200ms") @NotNull Duration retryFirstBackoff,
        @DefaultValue("30s") @NotNull Duration retryMaxBackoff,
        @DefaultValue("8") @Min(0) @Max(100) int retryAttempts,
        @DefaultValue("1m") @NotNull Duration sweepInterval,
        @DefaultValue("2") @Min(0) @Max(20) int matchingConnections) {
}
