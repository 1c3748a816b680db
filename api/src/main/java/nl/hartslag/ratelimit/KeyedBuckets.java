package nl.hartslag.ratelimit;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One token bucket per key (a client address, a contact, a login name), all with the same
 * allowance and refill, held in memory. The map is bounded ({@code maxKeys}, least recently used forgotten
 * first) and a bucket left alone for a whole period is dropped: by then it has refilled completely,
 * so forgetting it changes nothing.
 */
public final class KeyedBuckets {

    /** How a bucket fills up again. */
    public enum Refill {
        /**
         * The whole allowance at once, a period after the bucket's first request: at most
         * {@code limit} within the period from a client's first request, exactly as "30 a minute"
         * reads (the 31st within that minute is refused).
         */
        WHOLE,
        /**
         * One token every period/limit: a short Retry-After, never a wait for the whole period. For
         * logins, where the one refused may be the coordinator who mistyped.
         */
        SMOOTH
    }

    private final RateLimitSettings.Allowance allowance;
    private final Refill refill;
    private final Cache<String, Bucket> buckets;

    public KeyedBuckets(RateLimitSettings.Allowance allowance, Refill refill, int maxKeys) {
        this.allowance = allowance;
        this.refill = refill;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(allowance.period()).build();
    }

    /** Takes one token for {@code key}: empty when allowed, otherwise how long until the next one. */
    public Optional<Duration> take(String key) {
        ConsumptionProbe probe = buckets.get(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Returns a token taken for something that turned out not to count (a successful login). */
    public void giveBack(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    private Bucket newBucket() {
        int n = allowance.limit();
        return Bucket.builder()
                .addLimit(limit -> refill == Refill.WHOLE ? limit.capacity(n).refillIntervally(n, allowance.period())
                        : limit.capacity(n).refillGreedy(n, allowance.period()))
                .build();
    }
}
