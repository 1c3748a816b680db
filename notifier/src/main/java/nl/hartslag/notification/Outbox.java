package nl.hartslag.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Where features put the messages they owe. {@link #enqueue} joins the caller's transaction (it
 * uses the same R2DBC connection), so a notification exists exactly when the change that caused
 * it was committed. Delivery happens later, never on the caller's request path.
 */
public final class Outbox {

    private final OutboxRepository repository;
    private final NotifierSettings settings;
    private final QuietTime quietTime;
    private final Clock clock;

    Outbox(OutboxRepository repository, NotifierSettings settings, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.quietTime = new QuietTime(settings.quietHours());
        this.clock = clock;
    }

    /**
     * Writes the notification, held until quiet hours end if it is a text that can wait. Emits
     * false when a notification with the same idempotency key already exists (nothing is added).
     */
    public Mono<Boolean> enqueue(OutgoingNotification notification) {
        return Mono.defer(() -> enqueue(notification, clock.instant()));
    }

    Mono<Boolean> enqueue(OutgoingNotification n, Instant now) {
        Instant due = QuietTime.applies(n.channel(), n.audience(), n.urgency()) ? quietTime.earliestSend(now) : now;
        return repository.insert(UUID.randomUUID(), n, due, settings.maxAttempts());
    }
}
