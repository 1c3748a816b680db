package nl.hartslag.norms;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Deadlines in Dutch local time. A norm of N days ends at the end of the N-th counted day after the
 * day something came in (0 = the end of that same day): with working days, weekends and
 * {@link DutchHolidays} are not counted, so a report on the Thursday before Easter with a norm of
 * two working days is due at the end of the Tuesday after it (Friday, Tuesday).
 */
public final class WorkingDays {

    public static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");

    private WorkingDays() {
    }

    public static boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !DutchHolidays.isHoliday(day);
    }

    /** The last day counted: {@code days} counted days after {@code start}'s local date. */
    public static LocalDate lastDay(Instant start, int days, DayKind kind) {
        if (days < 0) {
            // A negative norm would silently give "today" for working days and a past day for calendar days.
            throw new IllegalArgumentException("A norm counts 0 or more days, not " + days);
        }
        LocalDate day = start.atZone(LOCAL).toLocalDate();
        if (kind == DayKind.CALENDAR) {
            return day.plusDays(days);
        }
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** The moment the deadline passes: the start of the day after {@link #lastDay}, local time. */
    public static Instant deadline(Instant start, int days, DayKind kind) {
        return lastDay(start, days, kind).plusDays(1).atStartOfDay(LOCAL).toInstant();
    }

    /**
     * Counted days from {@code from}'s local date to {@code to}'s (how long something took, in the
     * norm's days); negative when {@code to} comes first, for both kinds alike.
     */
    public static int between(Instant from, Instant to, DayKind kind) {
        LocalDate day = from.atZone(LOCAL).toLocalDate();
        LocalDate end = to.atZone(LOCAL).toLocalDate();
        if (end.isBefore(day) && kind == DayKind.WORKING) {
            // Working days used to answer 0 here while calendar days went negative.
            return -between(to, from, kind);
        }
        if (kind == DayKind.CALENDAR) {
            return (int) java.time.temporal.ChronoUnit.DAYS.between(day, end);
        }
        int counted = 0;
        while (day.isBefore(end)) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return counted;
    }
}
