package nl.hartslag.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;

import org.junit.jupiter.api.Test;

/** Settings the database would not honour, or that make no sense, stop the start with the reason. */
class RetentionSettingsTests {

    private static RetentionSettings with(Period contact, Period audit) {
        return new RetentionSettings(contact, Period.ofMonths(12), Period.ofMonths(24), audit, true,
                Duration.ofHours(24), 200);
    }

    @Test
    void auditEntriesAreKeptAtLeastFiveYears() {
        assertThat(with(Period.ofMonths(12), Period.ofYears(5)).auditEntries()).isEqualTo(Period.ofYears(5));
        assertThat(with(Period.ofMonths(12), Period.ofMonths(61)).auditEntries()).isEqualTo(Period.ofMonths(61));
        assertThatThrownBy(() -> with(Period.ofMonths(12), Period.ofYears(4))).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("audit-entries must be at least P5Y");
        assertThatThrownBy(() -> with(Period.ofMonths(12), Period.ofMonths(59)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void periodsArePositive() {
        assertThatThrownBy(() -> with(Period.ZERO, Period.ofYears(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> with(Period.ofMonths(-1), Period.ofYears(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void monthsAreCalendarMonths() {
        assertThat(RetentionSettings.before(Instant.parse("2027-03-31T10:00:00Z"), Period.ofMonths(1)))
                .isEqualTo(Instant.parse("2027-02-28T10:00:00Z"));
        assertThat(RetentionSettings.before(Instant.parse("2027-03-31T10:00:00Z"), Period.ofYears(5)))
                .isEqualTo(Instant.parse("2022-03-31T10:00:00Z"));
    }
}
