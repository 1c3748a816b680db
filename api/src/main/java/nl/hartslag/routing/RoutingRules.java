package nl.hartslag.routing;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.ConnectionFactory;
import nl.hartslag.db.listen.ChannelListener;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The coordinators' routing rules, read once and kept: every report is routed by one, and reading
 * the table for each report was a round trip per report under a flood. A change on any instance
 * is announced on {@value #CHANNEL} in the change's transaction; each notification, and every
 * (re)connection of the listener (a notification may have been missed meanwhile), drops the copy,
 * so the next report reads the rules again. A change made here drops it at once.
 */
@Component
class RoutingRules implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoutingRules.class);
    static final String CHANNEL = "hartslag_routing_rules";

    private final RoutingRepository repository;
    private final ConnectionFactory connections;
    private volatile Mono<Map<String, RoutingRepository.Rule>> rules;
    private volatile Disposable listening;

    RoutingRules(RoutingRepository repository, ConnectionFactory connections) {
        this.repository = repository;
        this.connections = connections;
        forget();
    }

    /** The rule of a category; empty when it has none. */
    Mono<RoutingRepository.Rule> rule(String categoryCode) {
        return rules.mapNotNull(all -> all.get(categoryCode));
    }

    /** Every rule, by category code. */
    Mono<Map<String, RoutingRepository.Rule>> all() {
        return rules;
    }

    /** The next question reads the table again (a failed read is not kept either). */
    void forget() {
        rules = repository.allRules().collect(Collectors.toMap(RoutingRepository.Rule::categoryCode, Function.identity()))
                .cacheInvalidateIf(all -> false);
    }

    @Override
    public void start() {
        listening = ChannelListener.listen(connections, CHANNEL)
                .subscribe(payload -> forget(),
                        e -> log.warn("Routing rules changed on other instances are seen only after a restart: {}",
                                e.getMessage()));
    }

    @Override
    public void stop() {
        Disposable l = listening;
        if (l != null) {
            l.dispose();
        }
        listening = null;
    }

    @Override
    public boolean isRunning() {
        return listening != null;
    }
}
