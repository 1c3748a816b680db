package nl.hartslag.notification;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with ±20% jitter, so instances that failed together do not retry together. */
final class Backoff {

    private final Duration initial;
    private final double multiplier;
    private final Duration max;

    Backoff(Duration initial, double multiplier, Duration max) {
        this.initial = initial;
        this.multiplier = multiplier;
        this.max = max;
    }

    /** The wait after the {@code attempt}-th failed attempt (1-based). */
    Duration after(int attempt) {
        double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, max.toMillis());
        double jittered = capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.max(1, Math.round(jittered)));
    }
}
