package nl.hartslag.norms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

/** Deadlines in Dutch local time over weekends, Easter, King's Day, Christmas and the summer-time switches. */
class WorkingDaysTests {

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(WorkingDays.LOCAL).toInstant();
    }

    @Test
    void aReportOnTheThursdayBeforeEasterWithTwoWorkingDaysIsDueAtTheEndOfTheTuesdayAfterIt() {
        // Good Friday 3 April counts; the weekend and Easter Monday 6 April do not.
        Instant received = local("2026-04-02T10:15");
        assertThat(WorkingDays.lastDay(received, 2, DayKind.WORKING)).isEqualTo(LocalDate.of(2026, 4, 7));
        assertThat(WorkingDays.deadline(received, 2, DayKind.WORKING)).isEqualTo(local("2026-04-08T00:00"))
                .isEqualTo(Instant.parse("2026-04-07T22:00:00Z"));
    }

    @Test
    void aReportOnFridayTwentyFourAprilSkipsTheWeekendAndKingsDay() {
        Instant received = local("2026-04-24T16:40");
        assertThat(WorkingDays.lastDay(received, 1, DayKind.WORKING)).isEqualTo(LocalDate.of(2026, 4, 28));
        assertThat(WorkingDays.deadline(received, 1, DayKind.WORKING)).isEqualTo(local("2026-04-29T00:00"));
    }

    @Test
    void kingsDayOnSaturdayTwentySixIn2025CostsNoExtraDay() {
        // 27 April 2025 is a Sunday, so Koningsdag is Saturday the 26th: a weekend day anyway.
        assertThat(WorkingDays.lastDay(local("2025-04-25T09:00"), 1, DayKind.WORKING))
                .isEqualTo(LocalDate.of(2025, 4, 28));
    }

    @Test
    void christmasAndNewYearAreSkipped() {
        // Wednesday 23 December 2026 + 3 working days: Thursday 24, (25, 26 holidays, 27 Sunday) Monday 28, Tuesday 29.
        assertThat(WorkingDays.lastDay(local("2026-12-23T12:00"), 3, DayKind.WORKING))
                .isEqualTo(LocalDate.of(2026, 12, 29));
        // Thursday 31 December 2026 + 1: Friday 1 January is New Year's Day, so Monday 4 January 2027.
        assertThat(WorkingDays.lastDay(local("2026-12-31T12:00"), 1, DayKind.WORKING))
                .isEqualTo(LocalDate.of(2027, 1, 4));
    }

    @Test
    void calendarDaysCountWeekendsAndHolidays() {
        Instant received = local("2026-12-24T20:00");
        assertThat(WorkingDays.lastDay(received, 1, DayKind.CALENDAR)).isEqualTo(LocalDate.of(2026, 12, 25));
        assertThat(WorkingDays.deadline(received, 10, DayKind.CALENDAR)).isEqualTo(local("2027-01-04T00:00"));
    }

    @Test
    void zeroDaysIsTheEndOfTheSameLocalDay() {
        assertThat(WorkingDays.deadline(local("2026-06-10T08:00"), 0, DayKind.WORKING))
                .isEqualTo(local("2026-06-11T00:00"));
        // Received on a Saturday with a norm of 0 working days: the end of that Saturday, not later.
        assertThat(WorkingDays.deadline(local("2026-06-13T08:00"), 0, DayKind.WORKING))
                .isEqualTo(local("2026-06-14T00:00"));
    }

    @Test
    void theLocalDateDecidesNotTheUtcDate() {
        // 23:30 UTC on 27 March is 00:30 on the 28th in Amsterdam (winter time).
        Instant received = Instant.parse("2026-03-27T23:30:00Z");
        assertThat(WorkingDays.lastDay(received, 1, DayKind.CALENDAR)).isEqualTo(LocalDate.of(2026, 3, 29));
    }

    @Test
    void aDeadlineOverTheSwitchToSummerTimeIsLocalMidnight() {
        // The clocks go forward in the night of Sunday 29 March 2026: Monday 30 March 00:00 is 22:00 UTC.
        Instant deadline = WorkingDays.deadline(local("2026-03-28T11:00"), 1, DayKind.CALENDAR);
        assertThat(deadline).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        ZonedDateTime there = deadline.atZone(WorkingDays.LOCAL);
        assertThat(there.getHour()).isZero();
        // And back in October: Monday 26 October 00:00 is 23:00 UTC again.
        assertThat(WorkingDays.deadline(local("2026-10-24T11:00"), 1, DayKind.CALENDAR))
                .isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
    }

    @Test
    void betweenCountsTheNormsDays() {
        Instant thursday = local("2026-04-02T10:00");
        Instant nextWednesday = local("2026-04-08T09:00");
        // Friday 3, Tuesday 7, Wednesday 8.
        assertThat(WorkingDays.between(thursday, nextWednesday, DayKind.WORKING)).isEqualTo(3);
        assertThat(WorkingDays.between(thursday, nextWednesday, DayKind.CALENDAR)).isEqualTo(6);
        assertThat(WorkingDays.between(thursday, thursday.plusSeconds(3600), DayKind.WORKING)).isZero();
        // Backwards it is negative for both kinds (working days used to answer 0).
        assertThat(WorkingDays.between(nextWednesday, thursday, DayKind.WORKING)).isEqualTo(-3);
        assertThat(WorkingDays.between(nextWednesday, thursday, DayKind.CALENDAR)).isEqualTo(-6);
    }

    @Test
    void aNegativeNormIsRefused() {
        assertThatThrownBy(() -> WorkingDays.deadline(Instant.now(), -1, DayKind.WORKING))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkingDays.deadline(Instant.now(), -1, DayKind.CALENDAR))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
