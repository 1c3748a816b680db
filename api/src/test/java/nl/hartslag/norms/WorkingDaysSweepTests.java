package nl.hartslag.norms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Properties of the deadline rule, checked for every day from 2020 to 2040 (every Easter, King's Day
 * and summer-time switch in them) at the first and last moments of the local day, rather than on a
 * random sample: the calendar is small enough to check all of it.
 */
class WorkingDaysSweepTests {

    private static final int[] NORMS = {0, 1, 2, 3, 5, 10, 20, 40};

    /** Every local day 2020–2040, at 00:30 and at 23:30 local time. */
    private static List<Instant> starts() {
        List<Instant> starts = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2020, 1, 1); day.getYear() <= 2040; day = day.plusDays(1)) {
            starts.add(day.atTime(0, 30).atZone(WorkingDays.LOCAL).toInstant());
            starts.add(day.atTime(23, 30).atZone(WorkingDays.LOCAL).toInstant());
        }
        return starts;
    }

    @Test
    void deadlinesFollowTheRuleOnEveryDay() {
        List<String> broken = new ArrayList<>();
        for (Instant start : starts()) {
            for (DayKind kind : DayKind.values()) {
                Instant previous = null;
                for (int days : NORMS) {
                    LocalDate last = WorkingDays.lastDay(start, days, kind);
                    Instant deadline = WorkingDays.deadline(start, days, kind);
                    String where = start + " +" + days + " " + kind + ": ";
                    if (kind == DayKind.WORKING && days > 0 && !WorkingDays.isWorkingDay(last)) {
                        broken.add(where + "ends on a weekend or holiday " + last);
                    }
                    if (!deadline.isAfter(start)
                            || !deadline.atZone(WorkingDays.LOCAL).toLocalTime().equals(LocalTime.MIDNIGHT)) {
                        broken.add(where + "not a local midnight after the start: " + deadline);
                    }
                    if (previous != null && !deadline.isAfter(previous)) {
                        broken.add(where + "not later than with fewer days");
                    }
                    // The "te laat" list picks its candidates in SQL on this: never sooner than N days on.
                    if (kind == DayKind.WORKING
                            && deadline.isBefore(WorkingDays.deadline(start, days, DayKind.CALENDAR))) {
                        broken.add(where + "sooner than the calendar-day deadline");
                    }
                    Instant noonOfLast = last.atTime(12, 0).atZone(WorkingDays.LOCAL).toInstant();
                    if (WorkingDays.between(start, noonOfLast, kind) != days
                            || WorkingDays.between(noonOfLast, start, kind) != -days) {
                        broken.add(where + "between does not give the norm back");
                    }
                    previous = deadline;
                }
            }
        }
        assertThat(broken).isEmpty();
    }
}
