package nl.hartslag.norms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Month;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The Algemene termijnenwet's holidays, against dates looked up in published calendars. */
class DutchHolidaysTests {

    @ParameterizedTest
    @CsvSource({"2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21",
            // The earliest and latest Easter of the Gregorian range, and a year before 2000.
            "2285-03-22", "2038-04-25", "1999-04-04"})
    void easterSundayFallsOnTheKnownDate(LocalDate easter) {
        assertThat(DutchHolidays.easterSunday(easter.getYear())).isEqualTo(easter);
    }

    @Test
    void theHolidaysOf2026AreTheEightOfTheLaw() {
        assertThat(DutchHolidays.of(2026)).containsExactly(
                LocalDate.of(2026, 1, 1), // Nieuwjaarsdag
                LocalDate.of(2026, 4, 6), // Tweede Paasdag
                LocalDate.of(2026, 4, 27), // Koningsdag (a Monday)
                LocalDate.of(2026, 5, 5), // Bevrijdingsdag, every year in the Algemene termijnenwet
                LocalDate.of(2026, 5, 14), // Hemelvaartsdag
                LocalDate.of(2026, 5, 25), // Tweede Pinksterdag
                LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));
    }

    @ParameterizedTest
    @CsvSource({"2025, 2025-04-26", "2031, 2031-04-26", "2026, 2026-04-27", "2030, 2030-04-27", "2014, 2014-04-26"})
    void kingsDayMovesToTheTwentySixthWhenTheTwentySeventhIsASunday(int year, LocalDate kingsDay) {
        assertThat(DutchHolidays.of(year)).contains(kingsDay);
        assertThat(DutchHolidays.isHoliday(kingsDay)).isTrue();
        if (kingsDay.getDayOfMonth() == 26) {
            assertThat(DutchHolidays.isHoliday(LocalDate.of(year, Month.APRIL, 27))).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource({"2025, 2025-05-29, 2025-06-09", "2027, 2027-05-06, 2027-05-17", "2030, 2030-05-30, 2030-06-10"})
    void ascensionAndWhitMondayFollowEaster(int year, LocalDate ascension, LocalDate whitMonday) {
        assertThat(DutchHolidays.of(year)).contains(ascension, whitMonday);
    }

    @Test
    void goodFridayEasterSundayAndWhitSundayAreNotInTheList() {
        // Good Friday is not an "algemeen erkende feestdag": it counts as a working day (docs/norms.md).
        assertThat(DutchHolidays.isHoliday(LocalDate.of(2026, 4, 3))).isFalse();
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 4, 3))).isTrue();
        assertThat(DutchHolidays.isHoliday(LocalDate.of(2026, 4, 5))).isFalse();
        assertThat(DutchHolidays.isHoliday(LocalDate.of(2026, 5, 24))).isFalse();
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 4, 5))).isFalse(); // a Sunday all the same
    }

    @Test
    void ascensionOnTheFifthOfMayIsOneHoliday() {
        // 2016: Easter 27 March, Ascension 5 May.
        assertThat(DutchHolidays.of(2016)).hasSize(7).contains(LocalDate.of(2016, 5, 5));
    }
}
