package nl.hartslag.db.seed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the gazetteer files (the columns of a BAG extract). The files are plain comma-separated
 * values without quoting, so a strict reader that names the bad line is all that is needed.
 */
public final class GazetteerCsv {

    /** A street segment: one postcode's house-number range with a representative coordinate. */
    public record StreetSegment(String street, int houseFrom, int houseTo, String postcode, double lat, double lon,
            String neighbourhood) {
    }

    /** A named place residents use instead of an address ("het Passartplein"). */
    public record NamedPlace(String name, double lat, double lon, String neighbourhood) {
    }

    private static final List<String> STREET_HEADER =
            List.of("street", "house_from", "house_to", "postcode", "lat", "lon", "neighbourhood");
    private static final List<String> PLACE_HEADER = List.of("name", "lat", "lon", "neighbourhood");

    private GazetteerCsv() {
    }

    public static List<StreetSegment> readStreets(Reader reader) throws IOException {
        List<StreetSegment> segments = new ArrayList<>();
        for (Row row : rows(reader, STREET_HEADER)) {
            String[] f = row.fields();
            try {
                segments.add(new StreetSegment(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3],
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]), f[6]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("gazetteer line " + row.line() + ": " + e.getMessage(), e);
            }
        }
        return segments;
    }

    public static List<NamedPlace> readPlaces(Reader reader) throws IOException {
        List<NamedPlace> places = new ArrayList<>();
        for (Row row : rows(reader, PLACE_HEADER)) {
            String[] f = row.fields();
            try {
                places.add(new NamedPlace(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), f[3]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("places line " + row.line() + ": " + e.getMessage(), e);
            }
        }
        return places;
    }

    private record Row(int line, String[] fields) {
    }

    private static List<Row> rows(Reader reader, List<String> header) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String first = in.readLine();
        if (first == null || !Arrays.asList(first.replace("\uFEFF", "").trim().split(",")).equals(header)) {
            throw new IllegalArgumentException("line 1: expected header " + String.join(",", header));
        }
        List<Row> rows = new ArrayList<>();
        int lineNumber = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != header.size()) {
                throw new IllegalArgumentException("line " + lineNumber + ": expected " + header.size()
                        + " fields, found " + fields.length);
            }
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fields[i].trim();
            }
            rows.add(new Row(lineNumber, fields));
        }
        return rows;
    }
}
