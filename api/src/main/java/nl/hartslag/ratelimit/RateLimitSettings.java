package nl.hartslag.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import org.hibernate.validator.constraints.time.DurationMin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Every rate limit of the service ({@code hartslag.rate-limit.*}).
 *
 * @param enabled false switches ALL limits off: these, the SMS and phone intake's per-number and
 *            global limits ({@code hartslag.intake.*}) and the login throttle. Only for a load
 *            benchmark from one machine; never in production.
 * @param maxKeysPerRule how many clients (or contacts, or login names) one rule remembers at most;
 *            bounds memory under a flood from many addresses (the least recently seen are forgotten)
 * @param paths public endpoints limited per client address, by name; the most specific matching
 *            path pattern decides which rule applies
 * @param reportContact new web reports per contact (phone number or e-mail address), from any client
 * @param login failed logins (form login and HTTP Basic)
 */
@Validated
@ConfigurationProperties("hartslag.rate-limit")
public record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100000") @Min(100) int maxKeysPerRule,
        @NotNull Map<String, @Valid PathRule> paths,
        @NotNull @Valid Allowance reportContact,
        @NotNull @Valid Login login) {

    /**
     * At most {@code limit} requests per {@code period}: for the path rules and contacts the whole
     * allowance comes back a period after a client's first request; for logins one attempt comes
     * back every period/limit (see {@link KeyedBuckets.Refill}).
     */
    public record Allowance(@Min(1) int limit, @NotNull @DurationMin(millis = 1) Duration period) {
    }

    /**
     * A limit per client address on the requests matching {@code method} (any when empty) and one of
     * {@code paths} (Spring path patterns, e.g. {@code /api/v1/reports/{reference}/**}).
     */
    public record PathRule(@Pattern(regexp = "|GET|HEAD|POST|PUT|PATCH|DELETE") @DefaultValue("") String method,
            @NotEmpty List<String> paths, @Min(1) int limit, @NotNull @DurationMin(millis = 1) Duration period) {

        public Allowance allowance() {
            return new Allowance(limit, period);
        }
    }

    /**
     * Failed logins allowed per client address and per login name. A success costs nothing; the
     * buckets refill by themselves, so nobody is locked out for good: the right password works again
     * after the Retry-After the 429 named.
     */
    public record Login(@NotNull @Valid Allowance perClient, @NotNull @Valid Allowance perUsername) {
    }
}
