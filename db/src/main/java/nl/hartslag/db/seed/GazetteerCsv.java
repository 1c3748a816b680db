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

    /**
     * A named place residents use instead of an address ("het Passartplein"), a landmark: other
     * names people give it ({@code aliases}: "buurthuis", "wijkcentrum") and, when it stands on a
     * street of the gazetteer, that street with its house number or range ("Passartweg 118-130").
     */
    public record NamedPlace(String name, double lat, double lon, String neighbourhood, List<String> aliases,
            String street) {

        private static final java.util.regex.Pattern STREET =
                java.util.regex.Pattern.compile("^(.*?)(?:\\s+(\\d{1,5})(?:\\s*[-\u2013]\\s*(\\d{1,5}))?)?$");

        public NamedPlace {
            aliases = aliases == null ? List.of()
                    : aliases.stream().map(String::trim).filter(a -> !a.isEmpty()).distinct().toList();
            street = street == null || street.isBlank() ? null : street.trim();
        }

        /** The old format: a name and a point. */
        public NamedPlace(String name, double lat, double lon, String neighbourhood) {
            this(name, lat, lon, neighbourhood, List.of(), null);
        }

        /** The street it stands on, without the number ("Passartweg"), or null. */
        public String streetName() {
            if (street == null) {
                return null;
            }
            java.util.regex.Matcher m = STREET.matcher(street);
            return m.matches() ? m.group(1).trim() : street;
        }

        /** Its first house number on that street, or -1. */
        public int houseFrom() {
            java.util.regex.Matcher m = street == null ? null : STREET.matcher(street);
            return m != null && m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : -1;
        }

        /** Its last house number on that street (the first when it has one), or -1. */
        public int houseTo() {
            java.util.regex.Matcher m = street == null ? null : STREET.matcher(street);
            if (m == null || !m.matches() || m.group(2) == null) {
                return -1;
            }
            return Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(2));
        }
    }

    private static final List<String> STREET_HEADER =
            List.of("street", "house_from", "house_to", "postcode", "lat", "lon", "neighbourhood");
    private static final List<String> PLACE_HEADER = List.of("name", "lat", "lon", "neighbourhood");
    /** Optional columns after the four of the old places format, in this order. */
    private static final List<String> PLACE_EXTRA = List.of("aliases", "street");
    /** Aliases in one field, since the files have no quoting: "buurthuis|wijkcentrum|community centre". */
    public static final String ALIAS_SEPARATOR = "|";

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

    /**
     * Named places in either format: the old {@code name,lat,lon,neighbourhood}, or with the
     * optional columns {@code aliases} ({@value #ALIAS_SEPARATOR}-separated) and {@code street}
     * ("Palmstraat 2", "Passartweg 118-130") after them.
     */
    public static List<NamedPlace> readPlaces(Reader reader) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String first = in.readLine();
        List<String> header = first == null ? List.of()
                : Arrays.stream(first.replace("\uFEFF", "").trim().split(",")).map(String::trim).toList();
        int extra = header.size() - PLACE_HEADER.size();
        if (header.size() < PLACE_HEADER.size() || !header.subList(0, PLACE_HEADER.size()).equals(PLACE_HEADER)
                || extra > PLACE_EXTRA.size() || !header.subList(PLACE_HEADER.size(), header.size())
                        .equals(PLACE_EXTRA.subList(0, Math.max(0, extra)))) {
            throw new IllegalArgumentException("line 1: expected header " + String.join(",", PLACE_HEADER)
                    + " (optionally followed by ," + String.join(",", PLACE_EXTRA) + ")");
        }
        List<NamedPlace> places = new ArrayList<>();
        for (Row row : rows(in, header.size(), 1)) {
            String[] f = row.fields();
            try {
                List<String> aliases = extra >= 1 && !f[4].isEmpty()
                        ? Arrays.asList(f[4].split(java.util.regex.Pattern.quote(ALIAS_SEPARATOR)))
                        : List.of();
                String street = extra >= 2 ? f[5] : null;
                places.add(new NamedPlace(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), f[3], aliases,
                        street));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("places line " + row.line() + ": " + e.getMessage(), e);
            }
        }
        return places;
    }

    /**
     * {@code base} with {@code more} laid over it: a place of {@code more} replaces the one of
     * {@code base} with the same name (case and spaces ignored), the others are added.
     */
    public static List<NamedPlace> overlay(List<NamedPlace> base, List<NamedPlace> more) {
        java.util.Map<String, NamedPlace> byName = new java.util.LinkedHashMap<>();
        for (NamedPlace p : base) {
            byName.put(nameKey(p.name()), p);
        }
        for (NamedPlace p : more) {
            byName.put(nameKey(p.name()), p);
        }
        return List.copyOf(byName.values());
    }

    private static String nameKey(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", "");
    }

    private record Row(int line, String[] fields) {
    }

    private static List<Row> rows(Reader reader, List<String> header) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String first = in.readLine();
        if (first == null || !Arrays.asList(first.replace("\uFEFF", "").trim().split(",")).equals(header)) {
            throw new IllegalArgumentException("line 1: expected header " + String.join(",", header));
        }
        return rows(in, header.size(), 1);
    }

    private static List<Row> rows(BufferedReader in, int columns, int headerLines) throws IOException {
        List<Row> rows = new ArrayList<>();
        int lineNumber = headerLines;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != columns) {
                throw new IllegalArgumentException("line " + lineNumber + ": expected " + columns
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
