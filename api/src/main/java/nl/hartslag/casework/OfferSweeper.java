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
 * Once a minute: offers nobody answered within the offer time expire and go to the next volunteer.
 * Safe with several instances: each offer is handled under its case's row lock and only once.
 */
@Component
class OfferSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OfferSweeper.class);
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final Mediations mediations;
    private volatile Disposable running;

    OfferSweeper(Mediations mediations) {
        this.mediations = mediations;
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
                        .onErrorResume(e -> {
                            log.warn("Offer sweep failed; trying again in a minute", e);
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
