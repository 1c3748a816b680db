package nl.hartslag.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The per-contact limit and the switch that turns every limit off, without Spring. */
class RateLimitSwitchTests {

    @Test
    void aContactGetsItsAllowanceThenARetryAfterAndTheSwitchTurnsTheLimitOff() {
        ContactLimit on = new ContactLimit(settings(true));
        on.admit(Optional.of("+31612345678"), Optional.empty()).block();
        on.admit(Optional.empty(), Optional.of("a@example.nl")).block();
        assertThatThrownBy(() -> on.admit(Optional.of("+31612345678"), Optional.empty()).block())
                .isInstanceOfSatisfying(RateLimitExceeded.class,
                        e -> assertThat(e.retryAfterSeconds()).isBetween(3590L, 3600L));

        ContactLimit off = new ContactLimit(settings(false));
        for (int i = 0; i < 5; i++) {
            off.admit(Optional.of("+31612345678"), Optional.of("a@example.nl")).block();
        }
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(RateLimitExceeded.seconds(Duration.ZERO)).isEqualTo(1);
        assertThat(RateLimitExceeded.seconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(RateLimitExceeded.seconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(RateLimitExceeded.seconds(Duration.ofSeconds(60))).isEqualTo(60);
    }

    private static RateLimitSettings settings(boolean enabled) {
        RateLimitSettings.Allowance one = new RateLimitSettings.Allowance(1, Duration.ofHours(1));
        return new RateLimitSettings(enabled, 100,
                Map.of("reports", new RateLimitSettings.PathRule("POST", List.of("/api/v1/reports"), 1,
                        Duration.ofMinutes(1))),
                one, new RateLimitSettings.Login(one, one));
    }
}
