package nl.hartslag.intake;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import nl.hartslag.Periodic;
import reactor.core.publisher.Mono;

/**
 * Ends conversations nobody finished, once a minute: a text still waiting for its place after the
 * window becomes a report anyway (its reference goes out by text); what a caller said without
 * confirming is forgotten after the call window (they chose not to report it). Safe with several
 * instances: a text's report is keyed by its message id, so two sweepers make one report.
 */
@Component
class ConversationSweeper extends Periodic {

    private static final Logger log = LoggerFactory.getLogger(ConversationSweeper.class);
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final IntakeRepository repository;
    private final SmsIntake sms;
    private final IntakeSettings settings;
    private final Clock clock = Clock.systemUTC();

    ConversationSweeper(IntakeRepository repository, SmsIntake sms, IntakeSettings settings) {
        super(EVERY, "Conversation sweep");
        this.repository = repository;
        this.sms = sms;
        this.settings = settings;
    }

    /** One sweep; emits how many texts became reports. */
    Mono<Long> sweep() {
        Mono<Long> texts = repository.expiredTexts(clock.instant().minus(settings.placeQuestionWindow()), 100)
                .concatMap(pending -> sms.expire(pending)
                        .doOnNext(s -> log.info("Text without a place became report {} after the window",
                                s.reference()))
                        .onErrorResume(e -> {
                            log.warn("Could not turn an unanswered text into a report; next sweep tries again", e);
                            return Mono.empty();
                        }))
                .count();
        Mono<Long> calls = repository.deleteCallsStartedBefore(clock.instant().minus(settings.callWindow()));
        return texts.flatMap(n -> calls.thenReturn(n));
    }

    @Override
    protected Mono<Long> once() {
        return sweep();
    }
}
