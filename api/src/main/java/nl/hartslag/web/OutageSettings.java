package nl.hartslag.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * What the service does while PostgreSQL is unreachable ({@code hartslag.outage.*}).
 *
 * @param retryAfter the {@code Retry-After} of a 503 (whole seconds)
 * @param probeInterval how often a connection of its own checks that PostgreSQL answers
 * @param probeTimeout how long one check may take before it counts as "unreachable"
 */
@Validated
@ConfigurationProperties("hartslag.outage")
public record OutageSettings(
        @DefaultValue("5s") @NotNull Duration retryAfter,
        @DefaultValue("1s") @NotNull Duration probeInterval,
        @DefaultValue("3s") @NotNull Duration probeTimeout) {

    public OutageSettings {
        if (retryAfter.toSeconds() < 1 || probeInterval.isNegative() || probeInterval.isZero()
                || probeTimeout.isNegative() || probeTimeout.isZero()) {
            throw new IllegalArgumentException("hartslag.outage: retry-after must be at least 1s, probe-interval and"
                    + " probe-timeout positive");
        }
    }
}
