package nl.hartslag.figures;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The figures of one request: the period, the buckets, the neighbourhoods the asker may choose from, how
 * cells are suppressed, and the tables.
 */
public record FigureReport(LocalDate from, LocalDate to, String groupBy, String neighbourhood, List<String> periods,
        List<Neighbourhood> neighbourhoods, SuppressionRule suppression, List<FigureTable> tables) {

    /** The suppression in force: sensitive categories, the threshold and the two markers. */
    public record SuppressionRule(List<String> sensitiveCategories, int threshold, String small, String hidden) {
    }

    public Optional<FigureTable> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
