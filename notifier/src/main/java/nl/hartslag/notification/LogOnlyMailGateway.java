package nl.hartslag.notification;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/** Stand-in when no mail server is configured ({@code spring.mail.host}): logs the subject only. */
final class LogOnlyMailGateway implements MailGateway {

    private static final Logger log = LoggerFactory.getLogger(LogOnlyMailGateway.class);

    @Override
    public Mono<String> send(String to, Rendered message) {
        return Mono.fromSupplier(() -> {
            String id = "<LOG-" + UUID.randomUUID() + "@hartslag.local>";
            log.info("[LOG-ONLY E-MAIL, NOT SENT] {} to {}: {}", id, Masking.mask(to), message.subject());
            return id;
        });
    }

    @Override
    public boolean real() {
        return false;
    }

    @Override
    public String describe() {
        return "log-only: no spring.mail.host, e-mails are written to the log and NOT sent";
    }
}
