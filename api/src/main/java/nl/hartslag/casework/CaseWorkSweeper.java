package nl.hartslag.casework;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.hartslag.Periodic;
import reactor.core.publisher.Mono;

/**
 * Once a minute: offers nobody answered within the offer time expire and go to the next volunteer
 * (the escalation rules run in {@code nl.hartslag.escalation}). Safe with several instances: each
 * offer is handled under its case's row lock and only once.
 */
@Component
class CaseWorkSweeper extends Periodic {

    private static final Logger log = LoggerFactory.getLogger(CaseWorkSweeper.class);
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final Mediations mediations;
    CaseWorkSweeper(Mediations mediations) {
        super(EVERY, "Case work sweep");
        this.mediations = mediations;
    }

    @Override
    protected Mono<Long> once() {
        return mediations.expireOffers()
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("{} case offers expired and were passed on", n);
                    }
                });
    }
}
