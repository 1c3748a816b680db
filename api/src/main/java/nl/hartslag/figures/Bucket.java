package nl.hartslag.figures;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import nl.hartslag.norms.WorkingDays;

/** One period bucket: local days {@code from} (inclusive) to {@code until} (exclusive), Europe/Amsterdam. */
record Bucket(String label, LocalDate from, LocalDate until) {

    Instant start() {
        return from.atStartOfDay(WorkingDays.LOCAL).toInstant();
    }

    Instant end() {
        return until.atStartOfDay(WorkingDays.LOCAL).toInstant();
    }

    long days() {
        return ChronoUnit.DAYS.between(from, until);
    }

    boolean contains(Instant moment) {
        return moment != null && !moment.isBefore(start()) && moment.isBefore(end());
    }

    boolean contains(LocalDate day) {
        return day != null && !day.isBefore(from) && day.isBefore(until);
    }

    /** The period of equal length just before this one (the trend compares against it). */
    Bucket previous() {
        return new Bucket(label + "-previous", from.minusDays(days()), from);
    }
}
