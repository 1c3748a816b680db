package nl.hartslag.notification;

import reactor.core.publisher.Mono;

/** Hands one text to a provider. Emits the provider's message id, or fails with a {@link SendFailure}. */
interface SmsGateway {

    Mono<String> send(String to, String body);

    /** False for the log-only stand-in: nothing reaches a phone. */
    boolean real();

    String describe();
}
