package nl.hartslag.figures;

import java.util.List;

/**
 * One table of figures, the single model behind the JSON and the CSV: column names and rows of cells.
 * A cell is a string (a period, a category, a channel…), a number, {@code null} (no value: nothing to
 * divide by), or a suppression marker ({@code "<5"}: fewer than the threshold; {@code "x"}: hidden to protect another cell).
 */
public record FigureTable(String name, List<String> columns, List<List<Object>> rows) {

    public FigureTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }
}
