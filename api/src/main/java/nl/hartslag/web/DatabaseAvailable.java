package nl.hartslag.web;

import java.time.Duration;
import java.time.Instant;

/**
 * Published when PostgreSQL answers again after an outage, so features redo the work that failed
 * after a commit meanwhile (matching a new report, routing it) instead of waiting for the next start.
 *
 * @param unreachableSince when the outage was first noticed
 * @param outage how long it lasted, as far as this instance saw
 */
public record DatabaseAvailable(Instant unreachableSince, Duration outage) {
}
