package nl.hartslag.norms;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Dutch public holidays that stop a working-day norm: the "algemeen erkende feestdagen" of the
 * Algemene termijnenwet (art. 3): New Year's Day, Easter Monday, Ascension Day, Whit Monday, both
 * Christmas days, King's Day (27 April, or the 26th when the 27th is a Sunday) and 5 May. Easter
 * Sunday and Whit Sunday are Sundays anyway. Good Friday is not in that list, so it counts as a
 * working day (docs/norms.md).
 */
public final class DutchHolidays {

    /** Per year, computed once: a deadline over a long norm asks for every day it counts. */
    private static final Map<Integer, Set<LocalDate>> YEARS = new ConcurrentHashMap<>();

    private DutchHolidays() {
    }

    public static boolean isHoliday(LocalDate day) {
        return of(day.getYear()).contains(day);
    }

    /** The holidays of a year, in order (unmodifiable). */
    public static Set<LocalDate> of(int year) {
        return YEARS.computeIfAbsent(year, DutchHolidays::compute);
    }

    private static Set<LocalDate> compute(int year) {
        LocalDate easter = easterSunday(year);
        LocalDate kingsDay = LocalDate.of(year, Month.APRIL, 27);
        if (kingsDay.getDayOfWeek() == DayOfWeek.SUNDAY) {
            kingsDay = kingsDay.minusDays(1);
        }
        Set<LocalDate> days = new TreeSet<>();
        days.add(LocalDate.of(year, Month.JANUARY, 1));
        days.add(easter.plusDays(1)); // Tweede Paasdag
        days.add(kingsDay);
        days.add(LocalDate.of(year, Month.MAY, 5));
        days.add(easter.plusDays(39)); // Hemelvaartsdag
        days.add(easter.plusDays(50)); // Tweede Pinksterdag
        days.add(LocalDate.of(year, Month.DECEMBER, 25));
        days.add(LocalDate.of(year, Month.DECEMBER, 26));
        return Collections.unmodifiableSet(days);
    }

    /** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
