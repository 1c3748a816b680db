package nl.hartslag.place;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
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
    private final List<Searchable> searchables;

    public Gazetteer(List<StreetSegment> segments, List<NamedPlace> places) {
        for (StreetSegment segment : segments) {
            streetsByKey.computeIfAbsent(key(segment.street()), k -> new ArrayList<>()).add(segment);
        }
        for (NamedPlace place : places) {
            placesByKey.put(key(place.name()), place);
        }
        streetsByKey.forEach((key, street) -> publicPoints.put(key, streetPoint(street)));
        placesByKey.forEach((key, place) -> publicPoints.put(key, PublicPoint.of(place.name(), place.lat(), place.lon())));
        this.searchables = searchables(streetsByKey, placesByKey, publicPoints);
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

    /**
     * What a point (a dropped pin) is as a resident names it: the nearest landmark within
     * {@code landmarkMetres}, with the street it stands on; else the nearest street within
     * {@code streetMetres}; else only the neighbourhood. Never a house number: the point returned is
     * the landmark's or the street's public point, not the pin.
     */
    public Spot spotAt(double lat, double lon, double landmarkMetres, double streetMetres) {
        Optional<NamedPlace> landmark = placesByKey.values().stream()
                .map(p -> Map.entry(p, metres(lat, lon, p.lat(), p.lon())))
                .filter(e -> e.getValue() <= landmarkMetres)
                .min(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
        if (landmark.isPresent()) {
            return spotOf(landmark.get(), streetMetres);
        }
        Optional<String> street = nearestStreet(lat, lon, streetMetres);
        if (street.isPresent()) {
            PublicPoint point = publicPoints.get(key(street.get()));
            String neighbourhood = streetsByKey.get(key(street.get())).get(0).neighbourhood();
            return new Spot(Spot.Kind.STREET, street.get(), street.get(), neighbourhood, point.lat(), point.lon());
        }
        return new Spot(Spot.Kind.AREA, null, null, nearestNeighbourhood(lat, lon).orElse(null),
                Math.round(lat * 100) / 100.0, Math.round(lon * 100) / 100.0);
    }

    /**
     * A place as a resident names it. {@code PLACE}: a landmark ({@code name}) and the street it is on;
     * {@code STREET}: a street ({@code name} = {@code street}); {@code AREA}: no street near, only the
     * neighbourhood. {@code lat}/{@code lon}: the public point of what is named (three decimals), for an
     * area two decimals (~1 km).
     */
    public record Spot(Kind kind, String name, String street, String neighbourhood, double lat, double lon) {

        public enum Kind {
            PLACE, STREET, AREA
        }
    }

    /** Whether a name (as stored with reports) is a landmark of the gazetteer rather than a street. */
    public Optional<Spot> landmark(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(placesByKey.get(key(name))).map(place -> spotOf(place, LANDMARK_STREET_METRES));
    }

    /** How far a landmark's nearest street may be to be named with it. */
    private static final double LANDMARK_STREET_METRES = 250;

    /**
     * A landmark with the street it stands on as recorded, else the street nearest the landmark
     * itself (the same for every pin around it, not the one nearest the pin).
     */
    private Spot spotOf(NamedPlace place, double streetMetres) {
        String street = place.streetName() != null ? streetName(place.streetName()).orElse(place.streetName())
                : nearestStreet(place.lat(), place.lon(), streetMetres).orElse(null);
        return new Spot(Spot.Kind.PLACE, place.name(), street, place.neighbourhood(),
                Math.round(place.lat() * 1000) / 1000.0, Math.round(place.lon() * 1000) / 1000.0);
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

    /**
     * Streets and landmarks for what a resident is typing, best first: the name starting with it,
     * then containing it (also one of a landmark's other names: "wijkcentrum" finds the community
     * centre), then close to it with typos ("Pasartweg 14" finds Passartweg). A house number and what
     * follows it is ignored. Typos allowed grow with the length typed: none under five letters, one up
     * to eight, two from nine. A linear scan over precomputed keys with a bounded edit distance:
     * thousands of streets stay well under a millisecond a key (docs/places-and-categories.md).
     */
    public List<Suggestion> suggest(String typed, int limit) {
        String query = key(typed.replaceAll("\\d.*$", ""));
        if (query.length() < 2) {
            return List.of();
        }
        int typos = query.length() < 5 ? 0 : query.length() < 9 ? 1 : 2;
        List<Ranked> found = new ArrayList<>();
        for (Searchable entry : searchables) {
            int rank = entry.rank(query, typos);
            if (rank < Integer.MAX_VALUE) {
                found.add(new Ranked(entry.suggestion(), rank));
            }
        }
        found.sort(Comparator.comparingInt(Ranked::rank).thenComparing(r -> r.suggestion().name()));
        return found.stream().limit(limit).map(Ranked::suggestion).toList();
    }

    private record Ranked(Suggestion suggestion, int rank) {
    }

    /** Start of the name, then contained in the name, then in an alias, then typos (the fewer the better). */
    private static final int PREFIX = 0;
    private static final int CONTAINED = 1;
    private static final int ALIAS = 2;
    private static final int FUZZY = 10;

    /** One street or landmark with the keys it is found by (name first, then aliases). */
    private record Searchable(Suggestion suggestion, String nameKey, List<String> aliasKeys, BitSet grams) {

        Searchable(Suggestion suggestion, String nameKey, List<String> aliasKeys) {
            this(suggestion, nameKey, aliasKeys, Fuzzy.bigrams(nameKey, aliasKeys));
        }

        int rank(String query, int typos) {
            if (nameKey.startsWith(query)) {
                return PREFIX;
            }
            if (nameKey.contains(query)) {
                return CONTAINED;
            }
            for (String alias : aliasKeys) {
                if (alias.contains(query)) {
                    return ALIAS;
                }
            }
            // A name the query's letter pairs are mostly missing from is skipped before any edit distance.
            if (typos == 0 || !Fuzzy.mayMatch(query, grams, typos)) {
                return Integer.MAX_VALUE;
            }
            // Fewer typos first; with as many, the name's start before its middle before an alias.
            int inside = Fuzzy.inside(query, nameKey, typos);
            int best = inside > typos ? Integer.MAX_VALUE
                    : Math.min(3 * Fuzzy.atStart(query, nameKey, typos), 3 * inside + 1);
            for (String alias : aliasKeys) {
                best = Math.min(best, 3 * Fuzzy.inside(query, alias, typos) + 2);
            }
            return best <= 3 * typos + 2 ? FUZZY + best : Integer.MAX_VALUE;
        }
    }

    private static List<Searchable> searchables(Map<String, List<StreetSegment>> streets,
            Map<String, NamedPlace> places, Map<String, PublicPoint> points) {
        List<Searchable> out = new ArrayList<>();
        streets.forEach((key, segments) -> {
            StreetSegment first = segments.get(0);
            int from = segments.stream().mapToInt(StreetSegment::houseFrom).min().orElse(first.houseFrom());
            int to = segments.stream().mapToInt(StreetSegment::houseTo).max().orElse(first.houseTo());
            PublicPoint point = points.get(key);
            out.add(new Searchable(new Suggestion(first.street(), Suggestion.Kind.STREET, from, to,
                    segments.size() == 1 ? first.postcode() : null, first.neighbourhood(), null, point.lat(),
                    point.lon()), key, List.of()));
        });
        places.forEach((key, place) -> {
            List<String> aliases = place.aliases().stream().map(Gazetteer::key).filter(a -> a.length() >= 2)
                    .distinct().toList();
            out.add(new Searchable(new Suggestion(place.name(), Suggestion.Kind.PLACE, null, null, null,
                    place.neighbourhood(), place.streetName(), place.lat(), place.lon()), key, aliases));
        });
        return List.copyOf(out);
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
