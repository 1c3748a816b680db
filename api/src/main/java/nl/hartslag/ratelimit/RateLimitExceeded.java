package nl.hartslag.ratelimit;

import java.time.Duration;

/** Too many requests from this client, contact or login name for now; try again after {@link #retryAfter()}. */
public class RateLimitExceeded extends RuntimeException {

    private final Duration retryAfter;

    public RateLimitExceeded(Duration retryAfter) {
        super("rate limit reached", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for a {@code Retry-After} header: rounded up, at least 1. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    public static long seconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
