package nl.hartslag.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class BackoffTests {

    private static final int SAMPLES = 2000;

    /** The defaults exactly as {@code hartslag.notifier.*} binds them with nothing configured. */
    private static NotifierSettings defaults() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("hartslag.notifier", NotifierSettings.class);
    }

    private static Backoff backoff(NotifierSettings settings) {
        return new Backoff(settings.initialBackoff(), settings.backoffMultiplier(), settings.maxBackoff());
    }

    private static long min(Backoff backoff, int attempt) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < SAMPLES; i++) {
            min = Math.min(min, backoff.after(attempt).toMillis());
        }
        return min;
    }

    private static long max(Backoff backoff, int attempt) {
        long max = Long.MIN_VALUE;
        for (int i = 0; i < SAMPLES; i++) {
            max = Math.max(max, backoff.after(attempt).toMillis());
        }
        return max;
    }

    /** Every sample within ±20% (plus a millisecond of rounding) of {@code expectedMillis}. */
    private static void assertWithinJitter(Backoff backoff, int attempt, double expectedMillis) {
        for (int i = 0; i < SAMPLES; i++) {
            long wait = backoff.after(attempt).toMillis();
            assertThat((double) wait).as("attempt %d", attempt)
                    .isBetween(expectedMillis * 0.8 - 1, expectedMillis * 1.2 + 1);
        }
    }

    @Test
    void defaultsAreEightyToTheThirdCappedAtTwelveHoursOverEightAttempts() {
        NotifierSettings settings = defaults();

        assertThat(settings.initialBackoff()).isEqualTo(Duration.ofSeconds(80));
        assertThat(settings.backoffMultiplier()).isEqualTo(3.0);
        assertThat(settings.maxBackoff()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.maxAttempts()).isEqualTo(8);
    }

    @Test
    void firstWaitIsTheInitialWithinJitter() {
        Backoff backoff = new Backoff(Duration.ofSeconds(80), 3, Duration.ofHours(12));

        assertWithinJitter(backoff, 1, 80_000);
    }

    @Test
    void waitsGrowByTheMultiplierWithinTheJitterBand() {
        Backoff backoff = new Backoff(Duration.ofSeconds(80), 3, Duration.ofHours(12));

        double expected = 80_000;
        for (int attempt = 1; attempt <= 6; attempt++) {
            assertWithinJitter(backoff, attempt, expected);
            expected *= 3;
        }
        // attempt 6 is 80 s * 3^5 = 5.4 h, well under the cap
        assertThat(80_000 * Math.pow(3, 5)).isLessThan(Duration.ofHours(12).toMillis());
    }

    @Test
    void jitterActuallySpreadsTheWaits() {
        Backoff backoff = new Backoff(Duration.ofSeconds(100), 2, Duration.ofHours(1));

        // with 2000 samples of a uniform ±20% both ends of the band are reached closely
        assertThat(min(backoff, 1)).isLessThan(82_000);
        assertThat(max(backoff, 1)).isGreaterThan(118_000);
    }

    @Test
    void waitsAreCappedAtMax() {
        Backoff backoff = new Backoff(Duration.ofSeconds(80), 3, Duration.ofHours(12));
        double cap = Duration.ofHours(12).toMillis();

        // 80 s * 3^6 = 16.2 h, over the cap
        assertWithinJitter(backoff, 7, cap);
        assertWithinJitter(backoff, 8, cap);
        assertWithinJitter(backoff, 50, cap);
        assertWithinJitter(backoff, 10_000, cap);
    }

    @Test
    void attemptsBelowOneCountAsTheFirst() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), 5, Duration.ofHours(1));

        assertWithinJitter(backoff, 0, 10_000);
        assertWithinJitter(backoff, -3, 10_000);
    }

    @Test
    void multiplierOfOneKeepsTheWaitConstant() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), 1, Duration.ofHours(1));

        for (int attempt = 1; attempt <= 10; attempt++) {
            assertWithinJitter(backoff, attempt, 30_000);
        }
    }

    @Test
    void neverZero() {
        Backoff backoff = new Backoff(Duration.ZERO, 3, Duration.ofHours(1));

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(backoff.after(attempt)).isPositive();
        }
    }

    @Test
    void defaultWaitsFromTheFormulaAddUpToAboutADay() {
        NotifierSettings settings = defaults();

        double total = 0;
        for (int attempt = 1; attempt < settings.maxAttempts(); attempt++) {
            double base = settings.initialBackoff().toMillis() * Math.pow(settings.backoffMultiplier(), attempt - 1);
            total += Math.min(base, settings.maxBackoff().toMillis());
        }

        // 80 s + 4 min + 12 min + 36 min + 1.8 h + 5.4 h + 12 h (capped from 16.2 h) = 20.09 h
        assertThat(Duration.ofMillis(Math.round(total))).isEqualTo(Duration.ofSeconds(80 + 240 + 720 + 2160 + 6480 + 19440 + 43200));
        assertThat(total).isBetween((double) Duration.ofHours(18).toMillis(), (double) Duration.ofHours(30).toMillis());
    }

    @Test
    void defaultWaitsOfTheBackoffAddUpToAboutADay() {
        NotifierSettings settings = defaults();
        Backoff backoff = backoff(settings);

        // 8 attempts leave 7 waits. Every sample w of an un-jittered wait b has 0.8 b <= w <= 1.2 b, so
        // b >= max(w) / 1.2 and b <= min(w) / 0.8: bounds on the un-jittered total taken from Backoff itself.
        double lowest = 0;
        double highest = 0;
        double worstCaseLow = 0;
        double worstCaseHigh = 0;
        for (int attempt = 1; attempt < settings.maxAttempts(); attempt++) {
            lowest += max(backoff, attempt) / 1.2;
            highest += min(backoff, attempt) / 0.8;
            worstCaseLow += min(backoff, attempt);
            worstCaseHigh += max(backoff, attempt);
        }

        double hours = Duration.ofHours(1).toMillis();
        assertThat(lowest).isGreaterThanOrEqualTo(18 * hours);
        assertThat(highest).isLessThanOrEqualTo(30 * hours);
        // and even with the jitter at its extremes the retries span about 16 to 24 hours
        assertThat(worstCaseLow).isGreaterThanOrEqualTo(16 * hours - 7);
        assertThat(worstCaseHigh).isLessThanOrEqualTo(24.2 * hours + 7);
    }
}
