package nl.hartslag.figures;

import java.time.LocalDate;

/** What a figures request asks: local days {@code from..to} (inclusive), buckets, and one neighbourhood or all (null). */
public record FigureRequest(LocalDate from, LocalDate to, GroupBy groupBy, String neighbourhood) {
}
