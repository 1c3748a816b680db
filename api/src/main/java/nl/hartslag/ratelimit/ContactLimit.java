package nl.hartslag.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * New web reports per contact (phone number, e-mail address), from whichever client: a resident
 * reports a few problems in an hour; dozens naming one number are someone using Hartslag to
 * pester that number. Checked after validation, so the number is in its one E.164 form and
 * "06 12…" and "+316 12…" are the same contact.
 */
@Component
public class ContactLimit {

    private final boolean enabled;
    private final KeyedBuckets buckets;

    ContactLimit(RateLimitSettings settings) {
        this.enabled = settings.enabled();
        this.buckets = new KeyedBuckets(settings.reportContact(), KeyedBuckets.Refill.WHOLE,
                settings.maxKeysPerRule());
    }

    /** Completes when a report naming these may be filed now; {@link RateLimitExceeded} otherwise. */
    public Mono<Void> admit(Optional<String> phoneE164, Optional<String> email) {
        if (!enabled) {
            return Mono.empty();
        }
        return Mono.fromRunnable(() -> {
            List<String> keys = new ArrayList<>();
            phoneE164.filter(p -> !p.isBlank()).ifPresent(p -> keys.add("phone:" + p));
            email.filter(e -> !e.isBlank()).ifPresent(e -> keys.add("email:" + e.strip().toLowerCase(Locale.ROOT)));
            List<String> taken = new ArrayList<>();
            for (String key : keys) {
                Optional<Duration> wait = buckets.take(key);
                if (wait.isPresent()) {
                    taken.forEach(buckets::giveBack);
                    throw new RateLimitExceeded(wait.get());
                }
                taken.add(key);
            }
        });
    }
}
