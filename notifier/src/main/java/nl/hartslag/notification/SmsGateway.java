package nl.hartslag.notification;

import java.time.Instant;

import reactor.core.publisher.Mono;

/** Hands one text to a provider. Emits the provider's message id, or fails with a {@link SendFailure}. */
interface SmsGateway {

    Mono<String> send(String to, String body);

    /**
     * Asks the provider whether a text with this body went to {@code to} since {@code since}, after
     * a send whose outcome was unknown. Emits its message id if so, completes empty if not, fails
     * (a {@link SendFailure}) if the provider could not be asked.
     */
    Mono<String> findSent(String to, String body, Instant since);

    /** False for the log-only stand-in: nothing reaches a phone. */
    boolean real();

    String describe();
}
