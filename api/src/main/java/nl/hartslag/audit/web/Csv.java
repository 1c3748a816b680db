package nl.hartslag.audit.web;

import java.util.List;

/**
 * CSV after RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote or line break;
 * a field that a spreadsheet would run as a formula is prefixed with {@code '}.
 */
final class Csv {

    private Csv() {
    }

    static String line(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(values.get(i)));
        }
        return line.append("\r\n").toString();
    }

    static String field(String raw) {
        if (raw == null) {
            return "";
        }
        // A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP):
        // a username or a searched value must stay text when a coordinator opens the export.
        String value = raw.isEmpty() || "=+-@\t\r".indexOf(raw.charAt(0)) < 0 ? raw : "'" + raw;
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
