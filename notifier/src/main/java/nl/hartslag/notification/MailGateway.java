package nl.hartslag.notification;

import reactor.core.publisher.Mono;

/** Hands one e-mail to a mail server. Emits its Message-ID, or fails with a {@link SendFailure}. */
interface MailGateway {

    Mono<String> send(String to, Rendered message);

    boolean real();

    String describe();
}
