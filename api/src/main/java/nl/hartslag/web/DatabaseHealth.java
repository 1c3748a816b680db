package nl.hartslag.web;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * {@code /actuator/health} → {@code database}, part of the readiness group: DOWN while PostgreSQL is
 * unreachable, so a load balancer stops sending requests this instance can only answer with 503.
 * It reports the tracked state and asks nothing itself, so a readiness check never waits on a
 * dead connection. Liveness leaves it out: restarting the service would not bring the database back.
 */
@Component("database")
class DatabaseHealth implements ReactiveHealthIndicator {

    private final DatabaseAvailability availability;

    DatabaseHealth(DatabaseAvailability availability) {
        this.availability = availability;
    }

    @Override
    public Mono<Health> health() {
        return Mono.just(availability.unreachableSince()
                .map(since -> Health.down().withDetail("unreachableSince", since.toString()).build())
                .orElseGet(() -> Health.up().build()));
    }
}
