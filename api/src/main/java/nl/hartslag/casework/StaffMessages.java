package nl.hartslag.casework;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import nl.hartslag.notification.Audience;
import nl.hartslag.notification.Channel;
import nl.hartslag.notification.OutgoingNotification;
import nl.hartslag.notification.Outbox;
import nl.hartslag.notification.Template;
import nl.hartslag.notification.Urgency;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Messages to the people who act (volunteers, the WOP, the police liaison, coordinators), written
 * to the outbox in the caller's transaction, for every instrument. An address with "@" gets an
 * e-mail, otherwise a text. They never carry a reporter's identity: only case numbers, categories
 * and streets.
 */
@Component
public class StaffMessages {

    private final Outbox outbox;

    StaffMessages(Outbox outbox) {
        this.outbox = outbox;
    }

    public Mono<Void> send(List<String> addresses, Audience audience, Template template,
            Map<String, String> parameters, String key, String reference, Urgency urgency) {
        return Flux.range(0, addresses.size())
                .concatMap(i -> send(addresses.get(i), audience, template, parameters, key + ":" + i, reference,
                        urgency))
                .then();
    }

    public Mono<Void> send(String address, Audience audience, Template template, Map<String, String> parameters,
            String key, String reference, Urgency urgency) {
        return outbox.enqueue(new OutgoingNotification(key, address.contains("@") ? Channel.EMAIL : Channel.SMS,
                address, audience, template, parameters, "nl", urgency, reference)).then();
    }

    /** A value cut to fit a text message's parameter. */
    public static String cut(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max);
    }
}
