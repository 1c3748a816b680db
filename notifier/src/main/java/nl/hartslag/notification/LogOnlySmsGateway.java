package nl.hartslag.notification;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * Stand-in when no Twilio credentials are configured: the text is logged (without the number) and
 * nothing is sent. Marked in every log line and in the health endpoint, so it is never mistaken
 * for delivery; {@code hartslag.notifier.require-real-sms=true} forbids it.
 */
final class LogOnlySmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(LogOnlySmsGateway.class);

    @Override
    public Mono<String> send(String to, String body) {
        return Mono.fromSupplier(() -> {
            String id = "LOG-" + UUID.randomUUID();
            log.info("[LOG-ONLY SMS, NOT SENT] {} to {}: {}", id, Masking.mask(to), body);
            return id;
        });
    }

    /** Nothing is ever lost in the log: a send whose outcome is unknown did not happen. */
    @Override
    public Mono<String> findSent(String to, String body, java.time.Instant since) {
        return Mono.empty();
    }

    @Override
    public boolean real() {
        return false;
    }

    @Override
    public String describe() {
        return "log-only: no Twilio credentials, texts are written to the log and NOT sent";
    }
}
