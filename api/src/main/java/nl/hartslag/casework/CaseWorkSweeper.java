package nl.hartslag.casework;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Once a minute: offers nobody answered within the offer time expire and go to the next volunteer,
 * and the escalation rules look for problems that keep coming back. Safe with several instances:
 * each offer is handled under its case's row lock and only once; a problem is proposed once.
 */
@Component
class CaseWorkSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CaseWorkSweeper.class);
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final Mediations mediations;
    private final Escalations escalations;
    private volatile Disposable running;

    CaseWorkSweeper(Mediations mediations, Escalations escalations) {
        this.mediations = mediations;
        this.escalations = escalations;
    }

    @Override
    public void start() {
        running = Flux.interval(EVERY, EVERY)
                .onBackpressureDrop()
                .concatMap(tick -> mediations.expireOffers()
                        .doOnNext(n -> {
                            if (n > 0) {
                                log.info("{} case offers expired and were passed on", n);
                            }
                        })
                        .then(escalations.check())
                        .onErrorResume(e -> {
                            log.warn("Case work sweep failed; trying again in a minute", e);
                            return Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable d = running;
        if (d != null) {
            d.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
