package nl.hartslag.neighbourhood;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A neighbourhood's addresses as a CSV file, read into street segments (plain Java, no Spring).
 * Two shapes are accepted, told apart by the header:
 * <ul>
 * <li><b>addresses</b>: one row per address, as BAG extract tools write them (NLExtract's
 * {@code adressen.csv}, bag-extract and the like): a street column ({@code openbareruimte},
 * {@code straat}, {@code straatnaam}), {@code huisnummer}, {@code postcode}, {@code lat}/{@code lon}
 * (WGS84), and optionally {@code huisletter}, {@code huisnummertoevoeging}, {@code woonplaats},
 * {@code gemeente}, {@code wijk}, {@code buurt} (or their {@code …naam} forms). They are aggregated
 * into one segment per street and postcode: the lowest to the highest house number, at the
 * centroid of its addresses.</li>
 * <li><b>ranges</b>: our own gazetteer format
 * {@code street,house_from,house_to,postcode,lat,lon,neighbourhood}, one segment per row.</li>
 * </ul>
 * Separator {@code ,} or {@code ;} (whichever the header uses), header names in any case, fields
 * may be quoted, a decimal comma is read when the separator is {@code ;}. A file with only RD
 * coordinates ({@code x}/{@code y}) is refused: its points would need a datum transformation we do
 * not guess at. Any bad row refuses the whole file (nothing is half-loaded), with every problem
 * named by its line (at most {@value #MAX_PROBLEMS}).
 */
public final class AddressExtract {

    /** How many problems are reported before reading stops. */
    public static final int MAX_PROBLEMS = 20;
    /** A neighbourhood's file is a few thousand addresses; this keeps a wrong file from filling memory. */
    public static final int MAX_ROWS = 200_000;

    /** What a file is: one row per address, or one row per house-number range. */
    public enum Format {
        ADDRESSES, RANGES
    }

    /** A street segment to store, with how many addresses it was made of (1 per row for ranges). */
    public record Segment(String street, int houseFrom, int houseTo, String postcode, double lat, double lon,
            String neighbourhood, int addresses) {
    }

    /**
     * What a file held. {@code municipalities}: per neighbourhood, the municipality its rows named
     * (the most frequent {@code gemeente}, else {@code woonplaats}), absent when no row named one.
     */
    public record Extract(Format format, int rows, List<Segment> segments, Map<String, String> municipalities) {

        public Extract {
            segments = List.copyOf(segments);
            municipalities = Map.copyOf(municipalities);
        }

        /** The neighbourhoods the segments belong to, in the order first met. */
        public Set<String> neighbourhoods() {
            Set<String> names = new LinkedHashSet<>();
            segments.forEach(s -> names.add(s.neighbourhood()));
            return names;
        }

        /** Distinct street names (case-insensitive) of one neighbourhood. */
        public long streets(String neighbourhood) {
            return segments.stream().filter(s -> s.neighbourhood().equals(neighbourhood))
                    .map(s -> s.street().toLowerCase(Locale.ROOT)).distinct().count();
        }

        public long streets() {
            return segments.stream().map(s -> s.neighbourhood() + "\u0000" + s.street().toLowerCase(Locale.ROOT))
                    .distinct().count();
        }
    }

    /**
     * One thing wrong with the file: {@code line} (1 = the header, 0 = the file as a whole), a code
     * ({@code header}, {@code rd-only}, {@code columns}, {@code street}, {@code house-number},
     * {@code postcode}, {@code coordinate}, {@code range}, {@code neighbourhood}, {@code empty},
     * {@code too-many-rows}) and the offending value (may be empty).
     */
    public record Problem(int line, String code, String value) {

        /** The problem in English, for the command's output and logs. */
        public String describe() {
            String where = line == 0 ? "the file" : "line " + line;
            return where + ": " + switch (code) {
                case "header" -> "the header lacks a column: " + value;
                case "rd-only" -> "only RD coordinates (x, y) were given; give WGS84 lat and lon columns"
                        + " (NLExtract's adressen.csv has both)";
                case "columns" -> "expected " + value + " fields";
                case "street" -> "no street name";
                case "house-number" -> "not a house number: '" + value + "'";
                case "postcode" -> "not a Dutch postcode: '" + value + "'";
                case "coordinate" -> "not a WGS84 coordinate: '" + value + "'";
                case "range" -> "house_to comes before house_from: '" + value + "'";
                case "neighbourhood" -> "no neighbourhood: give one (--neighbourhood) or a buurt/wijk column";
                case "empty" -> "no rows";
                case "too-many-rows" -> "more than " + value + " rows";
                default -> code + " " + value;
            };
        }
    }

    /** The file is refused: every problem found, by line. */
    public static final class Rejected extends RuntimeException {

        private final List<Problem> problems;

        Rejected(List<Problem> problems) {
            super("address file refused: " + problems.stream().map(Problem::describe).toList());
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private static final Pattern POSTCODE = Pattern.compile("^([1-9][0-9]{3})\\s*([A-Za-z]{2})$");
    private static final Pattern NUMBER = Pattern.compile("^\\d{1,5}$");

    private static final List<String> STREET = List.of("openbareruimte", "openbareruimtenaam", "straat", "straatnaam",
            "street");
    private static final List<String> HOUSE_NUMBER = List.of("huisnummer", "house_number", "housenumber");
    private static final List<String> POSTCODE_COLUMN = List.of("postcode");
    private static final List<String> LAT = List.of("lat", "latitude", "breedtegraad");
    private static final List<String> LON = List.of("lon", "lng", "longitude", "lengtegraad");
    private static final List<String> MUNICIPALITY = List.of("gemeente", "gemeentenaam", "municipality");
    private static final List<String> PLACE = List.of("woonplaats", "woonplaatsnaam");
    private static final List<String> BUURT = List.of("buurt", "buurtnaam", "neighbourhood", "neighborhood");
    private static final List<String> WIJK = List.of("wijk", "wijknaam");

    private AddressExtract() {
    }

    /**
     * Reads the file. {@code neighbourhood}: when given, every row belongs to it; when null, each
     * row's buurt (else wijk, or the ranges format's neighbourhood column) says. Throws
     * {@link Rejected} with every problem found.
     */
    public static Extract read(Reader input, String neighbourhood) {
        String given = neighbourhood == null || neighbourhood.isBlank() ? null : neighbourhood.strip();
        List<Problem> problems = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(input)) {
            String header = lines.readLine();
            int lineNumber = 1;
            while (header != null && header.isBlank()) {
                header = lines.readLine();
                lineNumber++;
            }
            if (header == null) {
                throw new Rejected(List.of(new Problem(0, "empty", "")));
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            char separator = header.indexOf(';') >= 0 && header.indexOf(';') < indexOr(header.indexOf(','))
                    ? ';' : ',';
            List<String> names = fields(header, separator).stream()
                    .map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
            Columns columns = Columns.of(names, lineNumber, problems);
            if (!problems.isEmpty()) {
                throw new Rejected(problems);
            }
            Aggregator aggregator = new Aggregator(columns.format());
            int rows = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (++rows > MAX_ROWS) {
                    problems.add(new Problem(0, "too-many-rows", String.valueOf(MAX_ROWS)));
                    break;
                }
                row(fields(line, separator), lineNumber, columns, separator, given, aggregator, problems);
                if (problems.size() >= MAX_PROBLEMS) {
                    break;
                }
            }
            if (problems.isEmpty() && rows == 0) {
                problems.add(new Problem(0, "empty", ""));
            }
            if (!problems.isEmpty()) {
                throw new Rejected(problems);
            }
            return new Extract(columns.format(), rows, aggregator.segments(), aggregator.municipalities());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOr(int index) {
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static void row(List<String> fields, int line, Columns c, char separator, String given,
            Aggregator aggregator, List<Problem> problems) {
        if (fields.size() < c.width()) {
            problems.add(new Problem(line, "columns", String.valueOf(c.width())));
            return;
        }
        int before = problems.size();
        String street = clean(fields.get(c.street()));
        if (street.isEmpty() || street.length() > 200) {
            problems.add(new Problem(line, "street", street));
        }
        Integer from = number(fields.get(c.from()), line, problems);
        Integer to = c.format() == Format.RANGES ? number(fields.get(c.to()), line, problems) : from;
        if (from != null && to != null && to < from) {
            problems.add(new Problem(line, "range", from + "-" + to));
        }
        String postcode = postcode(fields.get(c.postcode()), line, problems);
        Double lat = coordinate(fields.get(c.lat()), separator, -90, 90, line, problems);
        Double lon = coordinate(fields.get(c.lon()), separator, -180, 180, line, problems);
        String area = given;
        if (area == null) {
            area = c.neighbourhood().stream().map(i -> clean(fields.get(i))).filter(s -> !s.isEmpty()).findFirst()
                    .orElse(null);
            if (area == null || area.length() < 2 || area.length() > 100) {
                problems.add(new Problem(line, "neighbourhood", area == null ? "" : area));
            }
        }
        if (problems.size() > before) {
            return;
        }
        String municipality = c.municipality().stream().map(i -> clean(fields.get(i))).filter(s -> !s.isEmpty())
                .findFirst().orElse(null);
        aggregator.add(street, from, to, postcode, lat, lon, area, municipality);
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip().replaceAll("\\s+", " ");
    }

    private static Integer number(String value, int line, List<Problem> problems) {
        String v = clean(value);
        if (!NUMBER.matcher(v).matches() || Integer.parseInt(v) < 1) {
            problems.add(new Problem(line, "house-number", v));
            return null;
        }
        return Integer.parseInt(v);
    }

    private static String postcode(String value, int line, List<Problem> problems) {
        Matcher m = POSTCODE.matcher(clean(value));
        if (!m.matches()) {
            problems.add(new Problem(line, "postcode", clean(value)));
            return null;
        }
        // As the gazetteer writes it: "6412 AK".
        return m.group(1) + " " + m.group(2).toUpperCase(Locale.ROOT);
    }

    private static Double coordinate(String value, char separator, double min, double max, int line,
            List<Problem> problems) {
        String v = clean(value);
        if (separator == ';') {
            v = v.replace(',', '.');
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d) && d >= min && d <= max && v.matches("^-?\\d+(\\.\\d+)?$")) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new Problem(line, "coordinate", v));
        return null;
    }

    /** RFC 4180 fields: quoted fields may hold the separator and doubled quotes. */
    static List<String> fields(String line, char separator) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (ch == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** Where each value is in a row. {@code to} is -1 for the addresses format. */
    private record Columns(Format format, int street, int from, int to, int postcode, int lat, int lon,
            List<Integer> neighbourhood, List<Integer> municipality, int width) {

        static Columns of(List<String> names, int line, List<Problem> problems) {
            int width = names.size();
            if (names.contains("house_from") && names.contains("house_to")) {
                int street = required(names, List.of("street"), line, problems);
                int from = required(names, List.of("house_from"), line, problems);
                int to = required(names, List.of("house_to"), line, problems);
                int postcode = required(names, POSTCODE_COLUMN, line, problems);
                int lat = required(names, LAT, line, problems);
                int lon = required(names, LON, line, problems);
                return new Columns(Format.RANGES, street, from, to, postcode, lat, lon,
                        present(names, List.of("neighbourhood", "buurt", "wijk")),
                        present(names, List.of("municipality", "gemeente")), width);
            }
            int street = required(names, STREET, line, problems);
            int number = required(names, HOUSE_NUMBER, line, problems);
            int postcode = required(names, POSTCODE_COLUMN, line, problems);
            boolean wgs84 = index(names, LAT).isPresent() && index(names, LON).isPresent();
            if (!wgs84 && names.contains("x") && names.contains("y")) {
                problems.add(new Problem(line, "rd-only", "x, y"));
                return null;
            }
            int lat = required(names, LAT, line, problems);
            int lon = required(names, LON, line, problems);
            List<Integer> area = new ArrayList<>(present(names, BUURT));
            area.addAll(present(names, WIJK));
            List<Integer> municipality = new ArrayList<>(present(names, MUNICIPALITY));
            municipality.addAll(present(names, PLACE));
            return new Columns(Format.ADDRESSES, street, number, -1, postcode, lat, lon, area, municipality, width);
        }

        private static int required(List<String> names, List<String> candidates, int line, List<Problem> problems) {
            Optional<Integer> found = index(names, candidates);
            if (found.isEmpty()) {
                problems.add(new Problem(line, "header", String.join(" / ", candidates)));
                return -1;
            }
            return found.get();
        }

        private static Optional<Integer> index(List<String> names, List<String> candidates) {
            for (String candidate : candidates) {
                int i = names.indexOf(candidate);
                if (i >= 0) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }

        private static List<Integer> present(List<String> names, List<String> candidates) {
            List<Integer> found = new ArrayList<>();
            for (String candidate : candidates) {
                int i = names.indexOf(candidate);
                if (i >= 0) {
                    found.add(i);
                }
            }
            return found;
        }
    }

    /** Addresses summed per (neighbourhood, street, postcode); ranges kept as they are. */
    private static final class Aggregator {

        private final Format format;
        private final Map<String, Sum> sums = new LinkedHashMap<>();
        private final List<Segment> ranges = new ArrayList<>();
        private final Map<String, Map<String, Integer>> municipalities = new HashMap<>();

        Aggregator(Format format) {
            this.format = format;
        }

        void add(String street, int from, int to, String postcode, double lat, double lon, String neighbourhood,
                String municipality) {
            if (municipality != null) {
                municipalities.computeIfAbsent(neighbourhood, n -> new TreeMap<>()).merge(municipality, 1,
                        Integer::sum);
            }
            if (format == Format.RANGES) {
                ranges.add(new Segment(street, from, to, postcode, lat, lon, neighbourhood, 1));
                return;
            }
            String key = neighbourhood + "\u0000" + street.toLowerCase(Locale.ROOT) + "\u0000" + postcode;
            sums.computeIfAbsent(key, k -> new Sum(street, postcode, neighbourhood)).add(from, lat, lon);
        }

        List<Segment> segments() {
            List<Segment> all = new ArrayList<>(ranges);
            sums.values().forEach(s -> all.add(s.segment()));
            all.sort(Comparator.comparing(Segment::neighbourhood).thenComparing(s -> s.street().toLowerCase(Locale.ROOT))
                    .thenComparingInt(Segment::houseFrom).thenComparing(Segment::postcode));
            return all;
        }

        Map<String, String> municipalities() {
            Map<String, String> chosen = new HashMap<>();
            municipalities.forEach((neighbourhood, counts) -> counts.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue())
                    .ifPresent(e -> chosen.put(neighbourhood, e.getKey())));
            return chosen;
        }
    }

    private static final class Sum {

        private final String street;
        private final String postcode;
        private final String neighbourhood;
        private int min = Integer.MAX_VALUE;
        private int max = Integer.MIN_VALUE;
        private double lat;
        private double lon;
        private int count;

        Sum(String street, String postcode, String neighbourhood) {
            this.street = street;
            this.postcode = postcode;
            this.neighbourhood = neighbourhood;
        }

        void add(int number, double lat, double lon) {
            min = Math.min(min, number);
            max = Math.max(max, number);
            this.lat += lat;
            this.lon += lon;
            count++;
        }

        Segment segment() {
            return new Segment(street, min, max, postcode, round(lat / count), round(lon / count), neighbourhood,
                    count);
        }

        /** Six decimals (~10 cm), as the gazetteer writes them. */
        private static double round(double degrees) {
            return Math.round(degrees * 1e6) / 1e6;
        }
    }
}
