package nl.hartslag.place;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;

/**
 * The gazetteer drawn as a plain outline, for a map without tiles: each street as a line through
 * its segments' points, each named place as a point, with neighbourhoods. Public knowledge only
 * (names and the gazetteer's fixed points), never a report or a house number.
 *
 * @param streets per street, its points in drawing order ({@code [lat, lon]}); one point for a street of one segment
 * @param places the named places (landmarks)
 */
public record Outline(List<Street> streets, List<NamedPoint> places) {

    public record Street(String name, String neighbourhood, List<double[]> points) {
    }

    public record NamedPoint(String name, String neighbourhood, double lat, double lon) {
    }

    /** Every neighbourhood named by a street or place, case-insensitively ordered. */
    public Set<String> neighbourhoods() {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        streets.forEach(s -> names.add(s.neighbourhood()));
        places.forEach(p -> names.add(p.neighbourhood()));
        return names;
    }

    /** From the gazetteer's rows: a street's segment points ordered as a path (nearest next, from one end). */
    public static Outline of(Places.Rows rows) {
        Map<String, List<StreetSegment>> byStreet = new LinkedHashMap<>();
        for (StreetSegment s : rows.streets()) {
            byStreet.computeIfAbsent(s.street() + "\u0000" + s.neighbourhood(), k -> new ArrayList<>()).add(s);
        }
        List<Street> streets = new ArrayList<>();
        byStreet.values().forEach(segments -> streets.add(new Street(segments.get(0).street(),
                segments.get(0).neighbourhood(), path(segments))));
        List<NamedPoint> places = rows.places().stream()
                .map((NamedPlace p) -> new NamedPoint(p.name(), p.neighbourhood(), p.lat(), p.lon())).toList();
        return new Outline(List.copyOf(streets), places);
    }

    /** Starts at the point farthest from the others' middle, then always goes to the nearest point left. */
    private static List<double[]> path(List<StreetSegment> segments) {
        List<double[]> left = new ArrayList<>();
        segments.forEach(s -> {
            double[] p = { s.lat(), s.lon() };
            if (left.stream().noneMatch(q -> q[0] == p[0] && q[1] == p[1])) {
                left.add(p);
            }
        });
        double lat = left.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double lon = left.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double[] current = left.stream().max(java.util.Comparator.comparingDouble(p -> squared(p, lat, lon)))
                .orElseThrow();
        List<double[]> path = new ArrayList<>();
        while (current != null) {
            path.add(current);
            left.remove(current);
            double[] from = current;
            current = left.stream().min(java.util.Comparator.comparingDouble(p -> squared(p, from[0], from[1])))
                    .orElse(null);
        }
        return List.copyOf(path);
    }

    private static double squared(double[] p, double lat, double lon) {
        double dLat = p[0] - lat;
        double dLon = (p[1] - lon) * Math.cos(Math.toRadians(lat));
        return dLat * dLat + dLon * dLon;
    }
}
