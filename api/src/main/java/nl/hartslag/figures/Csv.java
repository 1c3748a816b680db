package nl.hartslag.figures;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures as CSV (RFC 4180): comma-separated, CRLF line ends, UTF-8, fields quoted when they hold a
 * comma, quote or line break; numbers with a decimal point; an empty field for no value. One table with
 * its own header, or all tables under one header with a leading {@code table} column. A text starting with
 * {@code = + - @}, a tab or CR is prefixed with {@code '} so that spreadsheets do not run it as a formula.
 */
public final class Csv {

    private Csv() {
    }

    public static String of(FigureTable table) {
        StringBuilder out = new StringBuilder();
        line(out, table.columns());
        table.rows().forEach(row -> line(out, row));
        return out.toString();
    }

    /** All tables in one file: {@code table}, then every column name any table has, in first-seen order. */
    public static String of(List<FigureTable> tables) {
        List<String> columns = new ArrayList<>();
        tables.forEach(t -> t.columns().stream().filter(c -> !columns.contains(c)).forEach(columns::add));
        StringBuilder out = new StringBuilder();
        List<Object> header = new ArrayList<>();
        header.add("table");
        header.addAll(columns);
        line(out, header);
        for (FigureTable t : tables) {
            for (List<Object> row : t.rows()) {
                List<Object> cells = new ArrayList<>();
                cells.add(t.name());
                for (String c : columns) {
                    int i = t.columns().indexOf(c);
                    cells.add(i < 0 ? null : row.get(i));
                }
                line(out, cells);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String field(Object cell) {
        if (cell == null) {
            return "";
        }
        String text = String.valueOf(cell);
        // A text that a spreadsheet would run as a formula (a neighbourhood named "=HYPERLINK(...)") gets a quote
        // in front; numbers are never texts here, so "-20.0" stays a number.
        if (cell instanceof CharSequence && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
