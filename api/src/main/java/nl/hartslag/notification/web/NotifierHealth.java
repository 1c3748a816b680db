package nl.hartslag.notification.web;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

import nl.hartslag.notification.NotifierStatus;
import nl.hartslag.notification.Notifications;
import reactor.core.publisher.Mono;

/**
 * {@code /actuator/health} → {@code notifier}: which channels are real and which only log, and the
 * outbox backlog. A log-only SMS channel stays UP (the service works) but says so in plain words.
 */
@Component("notifier")
class NotifierHealth implements ReactiveHealthIndicator {

    private final NotifierStatus status;
    private final Notifications notifications;

    NotifierHealth(NotifierStatus status, Notifications notifications) {
        this.status = status;
        this.notifications = notifications;
    }

    @Override
    public Mono<Health> health() {
        return notifications.backlog()
                .map(backlog -> Health.up()
                        .withDetail("sms", status.sms())
                        .withDetail("smsMode", status.smsReal() ? "REAL" : "LOG_ONLY")
                        .withDetail("email", status.mail())
                        .withDetail("emailMode", status.mailReal() ? "REAL" : "LOG_ONLY")
                        .withDetail("dispatching", status.dispatching())
                        .withDetail("due", backlog.due())
                        .withDetail("oldestDueSeconds", backlog.oldestDueSeconds())
                        .withDetail("needAttention", backlog.trouble())
                        .build())
                .onErrorResume(e -> Mono.just(Health.down(e).withDetail("sms", status.sms()).build()));
    }
}
