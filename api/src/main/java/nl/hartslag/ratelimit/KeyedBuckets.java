package nl.hartslag.ratelimit;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One token bucket per key (a client address, a contact, a login name), all with the same
 * allowance, held in memory. The map is bounded ({@code maxKeys}, least recently used forgotten
 * first) and a bucket left alone for a whole period is dropped: by then it has refilled completely,
 * so forgetting it changes nothing.
 */
public final class KeyedBuckets {

    private final RateLimitSettings.Allowance allowance;
    private final Cache<String, Bucket> buckets;

    public KeyedBuckets(RateLimitSettings.Allowance allowance, int maxKeys) {
        this.allowance = allowance;
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
        // Greedy refill: one token every period/limit, not the whole allowance at the period's end.
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(allowance.limit()).refillGreedy(allowance.limit(), allowance.period()))
                .build();
    }
}
