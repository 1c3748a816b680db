package nl.hartslag.casework;

import java.time.Duration;

import org.springframework.stereotype.Component;

import nl.hartslag.Periodic;
import reactor.core.publisher.Mono;

/**
 * Once a minute the escalation rules look for problems that keep coming back (a problem is proposed
 * once, so several instances are safe). Expired mediation offers have their own sweep in
 * {@code nl.hartslag.mediation}.
 */
@Component
class CaseWorkSweeper extends Periodic {

    private static final Duration EVERY = Duration.ofMinutes(1);

    private final Escalations escalations;

    CaseWorkSweeper(Escalations escalations) {
        super(EVERY, "Case work sweep");
        this.escalations = escalations;
    }

    @Override
    protected Mono<Long> once() {
        return escalations.check();
    }
}
