package nl.hartslag.figures;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The period buckets of the figures: calendar weeks (ISO, Monday first), months, quarters, years. */
public enum GroupBy {
    WEEK, MONTH, QUARTER, YEAR;

    /** {@code week|month|quarter|year}, any case. */
    public static Optional<GroupBy> parse(String value) {
        for (GroupBy g : values()) {
            if (g.name().equalsIgnoreCase(value)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    LocalDate startOf(LocalDate day) {
        return switch (this) {
            case WEEK -> day.with(DayOfWeek.MONDAY);
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(day.getYear(), (day.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1, 1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    LocalDate next(LocalDate start) {
        return switch (this) {
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
    }

    String label(LocalDate start) {
        return switch (this) {
            case WEEK -> String.format(Locale.ROOT, "%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> start.getYear() + "-Q" + start.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> String.valueOf(start.getYear());
        };
    }

    /** The buckets covering {@code from..to} (inclusive), the first and last cut to the period. */
    List<Bucket> buckets(LocalDate from, LocalDate to) {
        List<Bucket> buckets = new ArrayList<>();
        LocalDate end = to.plusDays(1);
        for (LocalDate start = startOf(from); start.isBefore(end); start = next(start)) {
            LocalDate s = start.isBefore(from) ? from : start;
            LocalDate e = next(start).isAfter(end) ? end : next(start);
            buckets.add(new Bucket(label(start), s, e));
        }
        return buckets;
    }
}
