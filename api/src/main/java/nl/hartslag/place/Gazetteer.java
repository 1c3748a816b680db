package nl.hartslag.place;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;
import nl.hartslag.web.Violation;

/**
 * The streets and named places of the service area, in memory (a few hundred rows at most). Finds
 * the segment for "Passartweg 14" as residents type it: any case, "str." for "straat", no space
 * before the number, a letter suffix ("14a"), a town after a comma, one typo in longer names.
 */
public final class Gazetteer {

    private static final Pattern ADDRESS = Pattern.compile(
            "^\\s*(?<street>.*?[\\p{L}.])\\s*(?:nr\\.?|no\\.?)?\\s*(?<number>\\d{1,5})\\s*(?<suffix>[a-zA-Z]{0,3})\\b.*$");

    private final Map<String, List<StreetSegment>> streetsByKey = new LinkedHashMap<>();
    private final Map<String, NamedPlace> placesByKey = new LinkedHashMap<>();
    private final Map<String, PublicPoint> publicPoints = new LinkedHashMap<>();

    public Gazetteer(List<StreetSegment> segments, List<NamedPlace> places) {
        for (StreetSegment segment : segments) {
            streetsByKey.computeIfAbsent(key(segment.street()), k -> new ArrayList<>()).add(segment);
        }
        for (NamedPlace place : places) {
            placesByKey.put(key(place.name()), place);
        }
        streetsByKey.forEach((key, street) -> publicPoints.put(key, streetPoint(street)));
        placesByKey.forEach((key, place) -> publicPoints.put(key, PublicPoint.of(place.name(), place.lat(), place.lon())));
    }

    /**
     * Where a street or named place is shown to anyone: its name and one fixed point of the
     * gazetteer, three decimals (~100 m). The same point for every report on that street, so it
     * never says which house or which end of the street.
     */
    public record PublicPoint(String name, double lat, double lon) {

        static PublicPoint of(String name, double lat, double lon) {
            return new PublicPoint(name, Math.round(lat * 1000) / 1000.0, Math.round(lon * 1000) / 1000.0);
        }
    }

    /** The public point of a street or named place by its name (as stored with reports), if we know it. */
    public Optional<PublicPoint> publicPoint(String streetOrPlace) {
        return streetOrPlace == null ? Optional.empty() : Optional.ofNullable(publicPoints.get(key(streetOrPlace)));
    }

    /** A street's one point: the segment nearest the middle of all its segments (on the street, fixed). */
    private static PublicPoint streetPoint(List<StreetSegment> street) {
        double lat = street.stream().mapToDouble(StreetSegment::lat).average().orElseThrow();
        double lon = street.stream().mapToDouble(StreetSegment::lon).average().orElseThrow();
        StreetSegment middle = street.stream()
                .min(Comparator.comparingDouble((StreetSegment s) -> metres(lat, lon, s.lat(), s.lon())))
                .orElseThrow();
        return PublicPoint.of(middle.street(), middle.lat(), middle.lon());
    }

    /** Why an address did not resolve, so the resident can be told what to fix. */
    public enum Miss {
        UNKNOWN_STREET, NO_HOUSE_NUMBER, HOUSE_NUMBER_NOT_ON_STREET
    }

    /** Either a place or the reason there is none. */
    public record Resolution(Optional<Place> place, Miss miss) {
        static Resolution of(Place place) {
            return new Resolution(Optional.of(place), null);
        }

        static Resolution missed(Miss miss) {
            return new Resolution(Optional.empty(), miss);
        }
    }

    public Resolution resolve(String address) {
        String text = address.split(",")[0].trim();
        NamedPlace named = placesByKey.get(key(text));
        if (named != null) {
            return Resolution.of(new Place(named.name(), null, null, named.lat(), named.lon(), named.neighbourhood()));
        }
        Matcher m = ADDRESS.matcher(text);
        if (!m.matches()) {
            return Resolution.missed(findStreet(text).isPresent() ? Miss.NO_HOUSE_NUMBER : Miss.UNKNOWN_STREET);
        }
        Optional<List<StreetSegment>> street = findStreet(m.group("street"));
        if (street.isEmpty()) {
            return Resolution.missed(Miss.UNKNOWN_STREET);
        }
        int number = Integer.parseInt(m.group("number"));
        String houseNumber = number + m.group("suffix").toLowerCase(Locale.ROOT);
        return street.get().stream()
                .filter(s -> number >= s.houseFrom() && number <= s.houseTo())
                .findFirst()
                .map(s -> Resolution.of(new Place(s.street(), houseNumber, s.postcode(), s.lat(), s.lon(), s.neighbourhood())))
                .orElse(Resolution.missed(Miss.HOUSE_NUMBER_NOT_ON_STREET));
    }

    /** Longest address we try to read. */
    public static final int ADDRESS_MAX = 200;

    /**
     * The place a resident typed, or a violation on {@code field} saying what to fix (too long,
     * unknown street, no house number, a number the street does not have).
     */
    public Optional<Place> resolve(String typed, String field, List<Violation> violations) {
        if (typed.length() > ADDRESS_MAX) {
            violations.add(Violation.of(field, "validation.size.max", ADDRESS_MAX));
            return Optional.empty();
        }
        Resolution resolution = resolve(typed);
        if (resolution.place().isEmpty()) {
            violations.add(Violation.of(field, "validation.address." + switch (resolution.miss()) {
                case UNKNOWN_STREET -> "unknown-street";
                case NO_HOUSE_NUMBER -> "no-house-number";
                case HOUSE_NUMBER_NOT_ON_STREET -> "unknown-number";
            }));
        }
        return resolution.place();
    }

    /** The street a coordinate is nearest to, for showing an approximate place without a house number. */
    public Optional<String> nearestStreet(double lat, double lon, double withinMetres) {
        return streetsByKey.values().stream().flatMap(List::stream)
                .map(s -> Map.entry(s.street(), metres(lat, lon, s.lat(), s.lon())))
                .filter(e -> e.getValue() <= withinMetres)
                .min(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }

    /** The neighbourhood of the street nearest to a point. */
    public Optional<String> nearestNeighbourhood(double lat, double lon) {
        return streetsByKey.values().stream().flatMap(List::stream)
                .min(Comparator.comparingDouble((StreetSegment s) -> metres(lat, lon, s.lat(), s.lon())))
                .map(StreetSegment::neighbourhood);
    }

    /** A street's name as the gazetteer spells it, from how it was typed ("passartweg", "Beukstr."). */
    public Optional<String> streetName(String typed) {
        return findStreet(typed).map(segments -> segments.get(0).street());
    }

    public List<Suggestion> suggest(String typed, int limit) {
        String prefix = key(typed.replaceAll("\\d.*$", ""));
        if (prefix.length() < 2) {
            return List.of();
        }
        List<Suggestion> found = new ArrayList<>();
        streetsByKey.forEach((key, segments) -> {
            if (key.contains(prefix)) {
                StreetSegment first = segments.get(0);
                int from = segments.stream().mapToInt(StreetSegment::houseFrom).min().orElse(first.houseFrom());
                int to = segments.stream().mapToInt(StreetSegment::houseTo).max().orElse(first.houseTo());
                found.add(new Suggestion(first.street(), Suggestion.Kind.STREET, from, to,
                        segments.size() == 1 ? first.postcode() : null, first.neighbourhood()));
            }
        });
        placesByKey.forEach((key, place) -> {
            if (key.contains(prefix)) {
                found.add(new Suggestion(place.name(), Suggestion.Kind.PLACE, null, null, null, place.neighbourhood()));
            }
        });
        found.sort(Comparator.comparing((Suggestion s) -> !key(s.name()).startsWith(prefix))
                .thenComparing(Suggestion::name));
        return found.subList(0, Math.min(limit, found.size()));
    }

    private Optional<List<StreetSegment>> findStreet(String typed) {
        String key = key(typed);
        List<StreetSegment> exact = streetsByKey.get(key);
        if (exact != null) {
            return Optional.of(exact);
        }
        // One typo is forgiven in names long enough that it cannot turn one street into another.
        if (key.length() < 7) {
            return Optional.empty();
        }
        List<String> close = streetsByKey.keySet().stream().filter(k -> editDistanceAtMostOne(k, key)).toList();
        return close.size() == 1 ? Optional.of(streetsByKey.get(close.get(0))) : Optional.empty();
    }

    /** Lower case, accents and punctuation gone, common abbreviations written out. */
    static String key(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        folded = folded.replaceAll("str\\.?(?=\\s|$)", "straat").replaceAll("st\\.(?=\\s|$)", "straat");
        return folded.replaceAll("[^a-z]", "");
    }

    private static boolean editDistanceAtMostOne(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        int j = 0;
        int edits = 0;
        while (i < a.length() && j < b.length()) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
                j++;
                continue;
            }
            if (++edits > 1) {
                return false;
            }
            if (a.length() > b.length()) {
                i++;
            } else if (a.length() < b.length()) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        return edits + (a.length() - i) + (b.length() - j) <= 1;
    }

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double r = 6_371_000;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * r * Math.asin(Math.sqrt(h));
    }
}
