package nl.hartslag.escalation;

import java.time.Duration;

import org.springframework.stereotype.Component;

import nl.hartslag.Periodic;
import reactor.core.publisher.Mono;

/**
 * Once a minute the escalation rules look for problems that keep coming back. Safe with several
 * instances: a problem is proposed once (the proposal is unique per problem).
 */
@Component
class EscalationSweeper extends Periodic {

    private static final Duration EVERY = Duration.ofMinutes(1);

    private final Escalations escalations;

    EscalationSweeper(Escalations escalations) {
        super(EVERY, "Escalation check");
        this.escalations = escalations;
    }

    @Override
    protected Mono<Long> once() {
        return escalations.check();
    }
}
