package nl.hartslag.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;

/**
 * Finds where a report is about from its words: streets (typo-tolerant through a small Lucene
 * index of the gazetteer, also when a speech recogniser splits them: "beuk straat", "pas hardweg"),
 * house numbers in digits or words ("drieëntwintig"), named places ("speeltuin Jasmijnhof", or just
 * "de speeltuin" when the area has one), and map links.
 */
final class PlaceFinder {

    private static final Pattern MAP_LINK = Pattern.compile("(-?\\d{1,2}\\.\\d{3,})\\s*,\\s*(-?\\d{1,3}\\.\\d{3,})");
    /** Letters, or digits with a letter suffix ("35a"): "Hoofdstraat82" is a street and a number. */
    private static final Pattern WORD = Pattern.compile("[a-z]+|[0-9]+[a-z]*");
    private static final Pattern HOUSE_NUMBER = Pattern.compile("^(\\d{1,4})[a-z]{0,3}$");
    private static final List<String> STREET_SUFFIXES = List.of("straat", "weg", "laan", "plein", "hof", "singel",
            "pad", "dreef", "kade", "gracht", "steeg", "park");
    private static final Set<String> NUMBER_LEAD = Set.of("nr", "nummer", "no", "huisnummer", "op", "bij", "van", "t");
    /** How far a pin may be from a named place for "de speeltuin" to mean that place (pins are often homes). */
    private static final double NEAR_PIN = 250;
    private static final List<String> TYPE_SUFFIXES = List.of("park", "plein", "halte", "school", "flat", "centrum",
            "tuin", "huis");

    private record Street(String name, String key, List<StreetSegment> segments) {
    }

    /**
     * A landmark as the finder knows it: its name and aliases folded and glued ("buurthuis",
     * "communitycentre"), the root of its name without kind words ("jasmijnhof"), its kinds, and
     * the street it stands on with its house numbers when the places file says so.
     */
    private record NamedTarget(NamedPlace place, String key, String root, Set<String> kinds, Set<String> names,
            Street street, int houseFrom, int houseTo, String neighbourhood) {
    }

    /** Who lives where in the live clusters: the streets on which a live cluster has this house number. */
    interface HouseNumbers {
        HouseNumbers NONE = number -> Set.of();

        Set<String> streetsWith(int houseNumber);
    }

    private final Map<String, Street> streetsByKey = new LinkedHashMap<>();
    private final Map<String, Street> streetsByStem = new HashMap<>();
    /** The part of a hyphenated name before the hyphen ("akerstraat" → Akerstraat-Noord), when only one street has it. */
    private final Map<String, Street> streetHeads = new HashMap<>();
    /** Stems of three or four letters ("berk", "olm"): only in a corner, "hoek berk/esdoorn". */
    private final Map<String, Street> streetsByShortStem = new HashMap<>();
    private final List<NamedTarget> namedPlaces = new ArrayList<>();
    private final Map<String, List<NamedTarget>> placesByKind = new HashMap<>();
    /** The first word of each neighbourhood's name ("hoensbroek", "passart"): a text naming it narrows the landmarks. */
    private final Map<String, String> neighbourhoods = new HashMap<>();
    private final IndexSearcher streetSearcher;
    private final NuisanceAnalysis analysis;
    private final PlaceKinds kinds;

    PlaceFinder(List<StreetSegment> segments, List<NamedPlace> places, NuisanceAnalysis analysis) {
        this.analysis = analysis;
        this.kinds = PlaceKinds.standard();
        for (StreetSegment segment : segments) {
            String key = key(segment.street());
            Street street = streetsByKey.computeIfAbsent(key, k -> new Street(segment.street(), k, new ArrayList<>()));
            street.segments().add(segment);
            List<String> parts = words(fold(segment.neighbourhood()));
            if (!parts.isEmpty() && parts.get(0).length() >= 5) {
                neighbourhoods.put(parts.get(0), segment.neighbourhood());
            }
        }
        // "Akerstraat" for "Akerstraat-Noord": the part before a hyphen names the street when no other has it.
        Map<String, List<Street>> heads = new HashMap<>();
        for (Street street : streetsByKey.values()) {
            int hyphen = street.name().indexOf('-');
            if (hyphen > 0) {
                String head = key(street.name().substring(0, hyphen));
                if (head.length() >= 7 && STREET_SUFFIXES.stream().anyMatch(head::endsWith)
                        && !streetsByKey.containsKey(head)) {
                    heads.computeIfAbsent(head, h -> new ArrayList<>()).add(street);
                }
            }
        }
        heads.forEach((head, streets) -> {
            if (streets.size() == 1) {
                streetHeads.put(head, streets.get(0));
            }
        });
        Set<String> reserved = new HashSet<>();
        for (NamedPlace place : places) {
            for (String token : words(fold(place.name()))) {
                reserved.add(token);
            }
            reserved.add(key(place.neighbourhood()));
            for (String token : words(fold(place.neighbourhood()))) {
                reserved.add(token);
            }
        }
        for (Street street : streetsByKey.values()) {
            for (String suffix : STREET_SUFFIXES) {
                if (street.key().endsWith(suffix)) {
                    String stem = street.key().substring(0, street.key().length() - suffix.length());
                    if (stem.length() >= 5 && !reserved.contains(stem)) {
                        streetsByStem.putIfAbsent(stem, street);
                    } else if (stem.length() >= 3 && !reserved.contains(stem)) {
                        streetsByShortStem.putIfAbsent(stem, street);
                    }
                }
            }
        }
        for (NamedPlace place : places) {
            String key = key(place.name());
            Set<String> placeKinds = new LinkedHashSet<>(kinds.kindsOfName(place.name()));
            Set<String> names = new LinkedHashSet<>();
            names.add(key);
            for (String alias : place.aliases()) {
                String aliasKey = key(alias);
                String aliasKind = kinds.kindOf(aliasKey);
                if (aliasKind != null) {
                    // A generic alias ("wijkcentrum", "flats") is a kind: resolved by nearness, not as a name.
                    placeKinds.add(aliasKind);
                } else if (aliasKey.length() >= 4) {
                    names.add(aliasKey);
                    placeKinds.addAll(kinds.kindsOfName(alias));
                }
            }
            String root = key;
            for (String token : words(fold(place.name()))) {
                if (kinds.kindOf(token) != null || !analysis.concepts(token).isEmpty()) {
                    root = root.replace(token, "");
                }
            }
            for (String suffix : TYPE_SUFFIXES) {
                if (root.endsWith(suffix) && root.length() > suffix.length() + 3) {
                    root = root.substring(0, root.length() - suffix.length());
                }
            }
            // "Flat Passartweg" is not rooted in "passartweg": that is the street, the flat is named by name or kind.
            if (streetsByKey.containsKey(root) || streetsByKey.containsKey(stripSuffix(root))) {
                root = "";
            }
            Street street = place.streetName() == null ? null : streetsByKey.get(key(place.streetName()));
            NamedTarget target = new NamedTarget(place, key, root, Set.copyOf(placeKinds), Set.copyOf(names), street,
                    place.houseFrom(), place.houseTo(), place.neighbourhood());
            namedPlaces.add(target);
            for (String kind : placeKinds) {
                placesByKind.computeIfAbsent(kind, c -> new ArrayList<>()).add(target);
            }
        }
        this.streetSearcher = streetIndex();
    }

    /** Every piece of place evidence in a report, strongest first. */
    List<Place> find(IncomingReport report, Set<String> concepts) {
        return find(report, concepts, new HashSet<>(), HouseNumbers.NONE);
    }

    /** The same, also collecting the words that named a place (they are place, not content). */
    List<Place> find(IncomingReport report, Set<String> concepts, Set<String> placeWords) {
        return find(report, concepts, placeWords, HouseNumbers.NONE);
    }

    /**
     * The same, with the house numbers of the live clusters: a bare "nummer 12" is number 12 on
     * the street in play (near the pin) where a live problem has that number.
     */
    List<Place> find(IncomingReport report, Set<String> concepts, Set<String> placeWords, HouseNumbers numbers) {
        List<Place> found = new ArrayList<>();
        String text = fold(report.text());
        Matcher link = MAP_LINK.matcher(report.text());
        if (link.find()) {
            found.add(new Place(Place.Source.MAP_LINK, null, -1, null, Double.parseDouble(link.group(1)),
                    Double.parseDouble(link.group(2))));
        }
        List<String> tokens = words(text.replaceAll("https?://\\S+", " "));
        Set<String> streetWords = new HashSet<>();
        List<Hit> hits = new ArrayList<>();
        List<Place> streets = streets(tokens, Place.Source.TEXT_ADDRESS, Place.Source.TEXT_STREET, streetWords, hits);
        placeWords.addAll(streetWords);
        Set<String> mentioned = new HashSet<>();
        for (String token : tokens) {
            String neighbourhood = neighbourhoods.get(token);
            if (neighbourhood != null && !streetWords.contains(token)) {
                mentioned.add(neighbourhood);
            }
        }
        List<double[]> anchors = new ArrayList<>();
        if (report.hasCoordinates()) {
            anchors.add(new double[] { report.lat(), report.lon() });
        }
        found.forEach(p -> anchors.add(new double[] { p.lat(), p.lon() }));
        // A street named in the text is near a landmark anywhere along it, not only at its first segment.
        for (Hit hit : hits) {
            hit.street().segments().forEach(s -> anchors.add(new double[] { s.lat(), s.lon() }));
        }
        List<Place> typed = report.address() == null || report.address().isBlank() ? List.of()
                : streets(words(fold(report.address())), Place.Source.TYPED_ADDRESS, Place.Source.TYPED_ADDRESS,
                        new HashSet<>(), new ArrayList<>());
        typed.forEach(p -> anchors.add(new double[] { p.lat(), p.lon() }));
        found.addAll(namedPlaces(tokens, placeWords, streetWords, hits, anchors, mentioned, streets));
        found.addAll(corners(tokens, hits, typed));
        found.addAll(streets);
        int number = standaloneNumber(tokens);
        int houseLike = number > 0 ? number : houseLikeNumber(tokens);
        if (typed.isEmpty() && houseLike > 0 && streets.isEmpty()) {
            List<Place> precise = new ArrayList<>(found.stream().filter(Place::precise).toList());
            if (report.hasCoordinates()) {
                precise.add(new Place(Place.Source.PIN, null, -1, null, report.lat(), report.lon()));
            }
            Place bare = bareNumber(houseLike, precise, numbers);
            if (bare != null) {
                found.add(bare);
            }
        }
        if (report.hasCoordinates()) {
            found.add(new Place(Place.Source.PIN, null, -1, null, report.lat(), report.lon()));
        }
        if (!typed.isEmpty()) {
            found.addAll(typed);
            // "de buren op nummer 23" typed from Beukstraat 25: the problem is at Beukstraat 23.
            if (number > 0 && streets.isEmpty()) {
                Place home = typed.get(0);
                Street street = streetsByKey.get(key(home.street()));
                if (street != null && number != home.houseNumber()) {
                    found.add(place(street, number, Place.Source.TEXT_ADDRESS));
                }
            }
        }
        return found;
    }

    /** How near a pin a street must be for "nummer 12" to mean a house on it. */
    private static final double NUMBER_NEAR_PIN = 300;

    /**
     * "nummer 12" without a street and without a typed address: the street in play is one near the
     * pin or map link (or, with no coordinates at all, any street) on which a live problem has
     * number 12; only when exactly one street qualifies.
     */
    private Place bareNumber(int number, List<Place> precise, HouseNumbers numbers) {
        Set<String> live = numbers.streetsWith(number);
        if (live.isEmpty()) {
            return null;
        }
        List<Street> candidates = new ArrayList<>();
        for (String name : live) {
            Street street = streetsByKey.get(key(name));
            if (street == null || number < street.segments().stream().mapToInt(StreetSegment::houseFrom).min().orElse(0)
                    || number > street.segments().stream().mapToInt(StreetSegment::houseTo).max().orElse(0)) {
                continue;
            }
            boolean near = precise.isEmpty() || precise.stream().anyMatch(p -> street.segments().stream()
                    .anyMatch(s -> Scorer.metres(p.lat(), p.lon(), s.lat(), s.lon()) <= NUMBER_NEAR_PIN));
            if (near) {
                candidates.add(street);
            }
        }
        return candidates.size() == 1 ? place(candidates.get(0), number, Place.Source.TEXT_ADDRESS) : null;
    }

    /** A street found in a text: which, and at which tokens. */
    private record Hit(Street street, int from, int to, int number) {
    }

    /** Words between a kind of landmark and the street that says which one: "Passartweg 124". */
    private static final Set<String> LANDMARK_LINK = Set.of("bij", "aan", "in", "op", "achter", "naast", "voor",
            "tegenover", "langs", "near", "at", "on", "behind", "by", "off", "de", "het", "t", "d", "der", "the",
            "van", "vd", "of", "hier", "daar", "achterin", "richting", "hoek", "kant");

    /** How far a landmark may be from the street that qualifies it ("de kerk aan de Hoofdstraat"). */
    private static final double NEAR_STREET = 400;
    /** A generic alias ("de flat") said with coordinates farther than this is another flat. */
    private static final double FAR_FROM_ALIAS = 1000;

    private List<Place> namedPlaces(List<String> tokens, Set<String> placeWords, Set<String> streetWords,
            List<Hit> hits, List<double[]> anchors, Set<String> mentioned, List<Place> streets) {
        Set<NamedTarget> chosen = new LinkedHashSet<>();
        Map<String, List<String>> phrases = phrases(tokens);
        List<PlaceKinds.Mention> mentions = kinds.mentions(tokens);
        Set<String> mentionedKinds = new HashSet<>();
        mentions.forEach(m -> mentionedKinds.add(m.kind()));
        for (NamedTarget target : namedPlaces) {
            boolean ofKind = target.kinds().stream().anyMatch(mentionedKinds::contains);
            boolean elsewhere = !mentioned.isEmpty() && !mentioned.contains(target.neighbourhood());
            for (Map.Entry<String, List<String>> phrase : phrases.entrySet()) {
                String p = phrase.getKey();
                // A root inside a street name ("passart" in "Passartweg") is the street, not the place.
                boolean inStreet = phrase.getValue().stream().anyMatch(streetWords::contains);
                boolean full = false;
                for (String name : target.names()) {
                    full |= close(p, name) && !(inStreet && name.equals(target.root()));
                }
                boolean rooted = !inStreet && !elsewhere && target.root().length() >= 5
                        && (close(p, target.root()) || close(stripSuffix(p), target.root()));
                if (full || (rooted && (ofKind || target.root().length() >= 8))) {
                    chosen.add(target);
                    placeWords.addAll(phrase.getValue());
                    break;
                }
            }
        }
        // A street and number inside a landmark's range: "Passartweg 124" is the flat.
        for (Place street : streets) {
            for (NamedTarget target : namedPlaces) {
                if (target.street() != null && target.houseFrom() > 0 && street.houseNumber() > 0
                        && target.street().name().equals(street.street())
                        && street.houseNumber() >= target.houseFrom() && street.houseNumber() <= target.houseTo()) {
                    chosen.add(target);
                }
            }
        }
        Set<String> resolved = new HashSet<>();
        chosen.forEach(t -> resolved.addAll(t.kinds()));
        List<Place> unknown = new ArrayList<>();
        for (PlaceKinds.Mention mention : mentions) {
            if (!resolved.add(mention.kind())) {
                continue; // "speeltuin Jasmijnhof" named it already, or an earlier mention of this kind
            }
            List<NamedTarget> ofKind = placesByKind.getOrDefault(mention.kind(), List.of()).stream()
                    .filter(t -> mentioned.isEmpty() || mentioned.contains(t.neighbourhood()))
                    .toList();
            Street qualifier = streetAfter(mention, hits, tokens);
            if (qualifier != null) {
                // "X bij Y-straat": the X nearest to that street, never the street's middle.
                Optional<NamedTarget> near = ofKind.stream()
                        .filter(t -> toStreet(t, qualifier) <= NEAR_STREET)
                        .min(java.util.Comparator.comparingDouble(t -> toStreet(t, qualifier)));
                near.ifPresent(chosen::add);
                if (near.isEmpty()) {
                    unknown.add(kindAtStreet(mention.kind(), qualifier));
                }
            } else if (!anchors.isEmpty()) {
                // "bij de speeltuin": the one of that kind near where the report is (pin, street, typed address).
                Optional<NamedTarget> near = ofKind.stream()
                        .filter(t -> nearest(anchors, t) <= NEAR_PIN)
                        .min(java.util.Comparator.comparingDouble(t -> nearest(anchors, t)));
                near.ifPresent(chosen::add);
                // "Bezoek Olmstraat: … afval bij de garageboxen": with none known near,
                // the kind at the one street the text names, when the kind is where something happens.
                Set<Street> named = new LinkedHashSet<>();
                hits.forEach(h -> named.add(h.street()));
                if (near.isEmpty() && named.size() == 1 && located(tokens, mention.from())) {
                    unknown.add(kindAtStreet(mention.kind(), named.iterator().next()));
                }
            } else if (ofKind.size() == 1) {
                // Nothing else says where: the only one of that kind in the (named) area.
                chosen.add(ofKind.get(0));
            }
        }
        // A landmark found only through a generic word, said far from it, is another one of its kind.
        List<Place> found = new ArrayList<>();
        for (NamedTarget target : chosen) {
            if (anchors.isEmpty() || nearest(anchors, target) <= FAR_FROM_ALIAS || namedByName(target, phrases)) {
                found.add(namedPlace(target));
            }
        }
        found.addAll(unknown);
        return found;
    }

    /**
     * "de garages achter de Seringstraat" with no such landmark known there: a place by kind
     * and street ("garages · Seringstraat"), so reports that say the same meet, at the street's
     * point (not precise). No name is invented: the kind and the street are what the text said.
     */
    private static Place kindAtStreet(String kind, Street street) {
        StreetSegment segment = street.segments().get(0);
        return new Place(Place.Source.KIND_AT_STREET, street.name(), -1, kind + " · " + street.name(), segment.lat(),
                segment.lon());
    }

    private boolean namedByName(NamedTarget target, Map<String, List<String>> phrases) {
        return phrases.keySet().stream().anyMatch(p -> target.names().stream().anyMatch(n -> close(p, n)));
    }

    /** Words that put something at a place: "bij de garages", "achter het buurthuis", "at the church". */
    private static final Set<String> LOCATING = Set.of("bij", "achter", "naast", "voor", "op", "in", "aan", "tegenover",
            "rond", "rondom", "onder", "near", "at", "behind", "outside", "by");
    private static final Set<String> ARTICLES = Set.of("de", "het", "t", "d", "the", "dat", "die", "deze");

    /** The kind mention at {@code i} follows a locating word, perhaps with an article: "bij de garages". */
    private static boolean located(List<String> tokens, int i) {
        int j = i - 1;
        if (j >= 0 && ARTICLES.contains(tokens.get(j))) {
            j--;
        }
        return j >= 0 && LOCATING.contains(tokens.get(j));
    }

    /** The street named right after a kind of landmark, only link words between: "garages achter de Olmstraat". */
    private static Street streetAfter(PlaceKinds.Mention mention, List<Hit> hits, List<String> tokens) {
        for (Hit hit : hits) {
            if (hit.from() < mention.to() || hit.from() - mention.to() > 4) {
                continue;
            }
            boolean linked = true;
            for (int i = mention.to(); i < hit.from(); i++) {
                linked &= LANDMARK_LINK.contains(tokens.get(i));
            }
            if (linked) {
                return hit.street();
            }
        }
        return null;
    }

    /** Metres from a landmark to a street: 0 when it stands on it, else to the nearest segment point. */
    private static double toStreet(NamedTarget target, Street street) {
        if (street.equals(target.street())) {
            return 0;
        }
        double min = Double.MAX_VALUE;
        for (StreetSegment s : street.segments()) {
            min = Math.min(min, Scorer.metres(s.lat(), s.lon(), target.place().lat(), target.place().lon()));
        }
        return min;
    }

    private static double nearest(List<double[]> anchors, NamedTarget target) {
        double min = Double.MAX_VALUE;
        for (double[] a : anchors) {
            min = Math.min(min, Scorer.metres(a[0], a[1], target.place().lat(), target.place().lon()));
        }
        return min;
    }

    private static Place namedPlace(NamedTarget target) {
        return new Place(Place.Source.NAMED_PLACE, null, -1, target.place().name(), target.place().lat(),
                target.place().lon());
    }

    /** Words between "hoek" and its first street, and between the two streets of a corner. */
    private static final Set<String> CORNER_LINK = Set.of("van", "vd", "de", "d", "der", "het", "t", "en", "and",
            "met", "with", "the", "of", "x");

    /**
     * "hoek Berk/Esdoorn", "op de hoek van de Wilgstraat en de Iepenstraat", "de hoek met de
     * Iepenstraat" (the other street named elsewhere in the text or typed): the point where the
     * two streets meet.
     */
    private List<Place> corners(List<String> tokens, List<Hit> hits, List<Place> typed) {
        List<Place> found = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).equals("hoek") && !tokens.get(i).equals("corner")) {
                continue;
            }
            Hit first = null;
            Hit second = null;
            for (Hit hit : hits) {
                if (first == null && hit.from() > i && linkedBy(tokens, i + 1, hit.from())) {
                    first = hit;
                } else if (first != null && second == null && hit.from() >= first.to()
                        && linkedBy(tokens, first.to(), hit.from()) && !hit.street().equals(first.street())) {
                    second = hit;
                }
            }
            Street a = first == null ? null : first.street();
            Street b = second == null ? null : second.street();
            if (a != null && b == null && tokens.subList(i + 1, first.from()).stream()
                    .anyMatch(t -> t.equals("met") || t.equals("with"))) {
                // "de hoek met de Populierstraat": the other street is the one named elsewhere (or typed).
                Set<Street> others = new LinkedHashSet<>();
                for (Hit hit : hits) {
                    if (!hit.street().equals(a)) {
                        others.add(hit.street());
                    }
                }
                if (others.isEmpty()) {
                    for (Place p : typed) {
                        Street t = streetsByKey.get(key(p.street()));
                        if (t != null && !t.equals(a)) {
                            others.add(t);
                        }
                    }
                }
                b = others.size() == 1 ? others.iterator().next() : null;
            }
            if (a != null && b != null) {
                double[] point = corner(a, b);
                if (point != null) {
                    found.add(new Place(Place.Source.CORNER, null, -1, null, point[0], point[1]));
                }
                break;
            }
        }
        return found;
    }

    private static boolean linkedBy(List<String> tokens, int from, int to) {
        if (to - from > 4) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!CORNER_LINK.contains(tokens.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** How far apart two streets may be for a corner of theirs to be believed. */
    private static final double CORNER_REACH = 700;

    /**
     * Where two streets meet, from the gazetteer's points: a street with two or more segments has a
     * direction (its points lie on a line), so the corner is the other street's point projected on
     * that line; with no direction known, the middle between the two nearest points.
     */
    private static double[] corner(Street a, Street b) {
        StreetSegment nearA = null;
        StreetSegment nearB = null;
        double best = Double.MAX_VALUE;
        for (StreetSegment s : a.segments()) {
            for (StreetSegment t : b.segments()) {
                double d = Scorer.metres(s.lat(), s.lon(), t.lat(), t.lon());
                if (d < best) {
                    best = d;
                    nearA = s;
                    nearB = t;
                }
            }
        }
        if (nearA == null || best > CORNER_REACH || parallel(a, b)) {
            return null;
        }
        double[] onA = project(a, nearB);
        if (onA != null) {
            return onA;
        }
        double[] onB = project(b, nearA);
        if (onB != null) {
            return onB;
        }
        return new double[] { (nearA.lat() + nearB.lat()) / 2, (nearA.lon() + nearB.lon()) / 2 };
    }

    /** Both streets have a direction and run side by side (Olmstraat and Lindestraat): they never meet. */
    private static boolean parallel(Street a, Street b) {
        double[] da = direction(a);
        double[] db = direction(b);
        return da != null && db != null && Math.abs(da[0] * db[0] + da[1] * db[1]) > 0.9;
    }

    /** A street's unit direction (east, north) from its first and last segment point, or null for one point. */
    private static double[] direction(Street street) {
        List<StreetSegment> s = street.segments();
        if (s.size() < 2) {
            return null;
        }
        StreetSegment p = s.get(0);
        StreetSegment q = s.get(s.size() - 1);
        double dx = (q.lon() - p.lon()) * Math.cos(Math.toRadians(p.lat()));
        double dy = q.lat() - p.lat();
        double length = Math.sqrt(dx * dx + dy * dy);
        return length < 1e-6 ? null : new double[] { dx / length, dy / length };
    }

    /** The point of {@code street}'s line nearest to {@code other}'s point, when the street has a direction. */
    private static double[] project(Street street, StreetSegment other) {
        List<StreetSegment> s = street.segments();
        if (s.size() < 2) {
            return null;
        }
        StreetSegment p = s.get(0);
        StreetSegment q = s.get(s.size() - 1);
        double scale = Math.cos(Math.toRadians(p.lat()));
        double dx = (q.lon() - p.lon()) * scale;
        double dy = q.lat() - p.lat();
        double length = dx * dx + dy * dy;
        if (length < 1e-10) {
            return null;
        }
        double t = (((other.lon() - p.lon()) * scale) * dx + (other.lat() - p.lat()) * dy) / length;
        return new double[] { p.lat() + t * dy, p.lon() + t * dx / scale };
    }

    private List<Place> streets(List<String> tokens, Place.Source withNumber, Place.Source withoutNumber,
            Set<String> placeWords, List<Hit> hits) {
        List<Place> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int standaloneNumber = standaloneNumber(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            for (int n = 4; n >= 1; n--) {
                if (i + n > tokens.size()) {
                    continue;
                }
                String phrase = String.join("", tokens.subList(i, i + n));
                // "mijn straat" is not Mijnstraat ("in mijn straat"), but "de mijn straat" is: a glued
                // phrase starts with a function word only after an article.
                if (n > 1 && analysis.isStopWord(tokens.get(i)) && !afterArticle(tokens, i)) {
                    continue;
                }
                Street street = street(phrase, n);
                if (street == null && n == 1) {
                    if (stemAllowed(tokens, i)) {
                        street = streetsByStem.get(phrase);
                    }
                    if (street == null && cornerStem(tokens, i)) {
                        street = streetsByShortStem.get(phrase);
                    }
                    if (street == null) {
                        street = glued(phrase);
                    }
                }
                if (street == null) {
                    continue;
                }
                placeWords.addAll(tokens.subList(i, i + n));
                int number = numberAfter(tokens, i + n);
                if (number < 0) {
                    number = numberBefore(tokens, i);
                }
                if (number < 0 && withNumber == Place.Source.TEXT_ADDRESS) {
                    number = standaloneNumber;
                }
                hits.add(new Hit(street, i, i + n, number));
                if (seen.add(street.key() + "#" + number)) {
                    found.add(place(street, number, number > 0 ? withNumber : withoutNumber));
                }
                i += n - 1;
                break;
            }
        }
        return found;
    }

    private static boolean afterArticle(List<String> tokens, int i) {
        return i > 0 && Set.of("de", "der", "d").contains(tokens.get(i - 1));
    }

    /** Prefixes a hurried writer glues to a street: "inde", "opde", "vd". */
    private static final List<String> GLUED_PREFIXES = List.of("inde", "opde", "ind", "opd", "vd", "de", "in", "op",
            "d", "t");

    /** "debeukstraat", "opdepassartweg": a known street with a glued article or preposition. */
    private Street glued(String token) {
        for (String prefix : GLUED_PREFIXES) {
            if (token.length() >= prefix.length() + 7 && token.startsWith(prefix)) {
                Street street = streetsByKey.get(token.substring(prefix.length()));
                if (street != null) {
                    return street;
                }
            }
        }
        return null;
    }

    /**
     * A street named without "straat" ("hoek linde/populier") only counts next to "hoek" or another
     * such name: on its own "school" or "hoofd" is a word, not Schoolstraat or Hoofdstraat.
     */
    private boolean stemAllowed(List<String> tokens, int i) {
        boolean afterCorner = i > 0 && tokens.get(i - 1).equals("hoek")
                || i > 1 && tokens.get(i - 2).equals("hoek") && CORNER_LINK.contains(tokens.get(i - 1));
        // Only long stems vouch for a neighbour: "mijn hoofd" is not Mijnstraat next to Hoofdstraat.
        boolean nextToStem = (i > 0 && streetsByStem.containsKey(tokens.get(i - 1)))
                || (i + 1 < tokens.size() && streetsByStem.containsKey(tokens.get(i + 1)));
        return afterCorner || nextToStem || cornerStem(tokens, i);
    }

    private boolean isStem(String token) {
        return streetsByStem.containsKey(token) || streetsByShortStem.containsKey(token);
    }

    /** A stem of three or four letters ("berk", "olm") is a street only in a corner: after "hoek", or paired with another stem. */
    private boolean cornerStem(List<String> tokens, int i) {
        int hoek = -1;
        for (int j = Math.max(0, i - 5); j < i; j++) {
            if (tokens.get(j).equals("hoek")) {
                hoek = j;
            }
        }
        if (hoek < 0) {
            return false;
        }
        for (int j = hoek + 1; j < i; j++) {
            if (!CORNER_LINK.contains(tokens.get(j)) && !isStem(tokens.get(j)) && !streetsByKey.containsKey(tokens.get(j))) {
                return false;
            }
        }
        return true;
    }

    private Place place(Street street, int number, Place.Source source) {
        StreetSegment segment = street.segments().get(0);
        if (number > 0) {
            for (StreetSegment s : street.segments()) {
                if (number >= s.houseFrom() && number <= s.houseTo()) {
                    segment = s;
                }
            }
        }
        return new Place(source, street.name(), number, null, segment.lat(), segment.lon());
    }

    private Street street(String phrase, int parts) {
        if (phrase.length() < 4 || phrase.chars().anyMatch(Character::isDigit)) {
            return null;
        }
        String expanded = phrase.endsWith("str") ? phrase + "aat"
                : phrase.endsWith("strt") ? phrase.substring(0, phrase.length() - 1) + "aat" : phrase;
        Street exact = streetsByKey.get(expanded);
        if (exact != null) {
            return exact;
        }
        Street head = streetHeads.get(expanded);
        if (head != null) {
            return head;
        }
        // "Laurierst. 35": an abbreviation only when it spells a known street exactly.
        if (phrase.endsWith("st") && phrase.length() >= 6) {
            Street abbreviated = streetsByKey.get(phrase + "raat");
            if (abbreviated != null) {
                return abbreviated;
            }
        }
        if (expanded.length() < 7 || STREET_SUFFIXES.stream().noneMatch(s -> expanded.endsWith(s)
                || expanded.endsWith(s.substring(0, s.length() - 1)))) {
            return null;
        }
        return fuzzyStreet(expanded);
    }

    /** Residents repeat the same spellings: remember what a phrase turned out to be. */
    private final Map<String, java.util.Optional<Street>> fuzzyCache = new HashMap<>();

    private Street fuzzyStreet(String phrase) {
        synchronized (fuzzyCache) {
            java.util.Optional<Street> known = fuzzyCache.get(phrase);
            if (known != null) {
                return known.orElse(null);
            }
        }
        Street found = fuzzyStreetUncached(phrase);
        synchronized (fuzzyCache) {
            if (fuzzyCache.size() > 100_000) {
                fuzzyCache.clear();
            }
            fuzzyCache.put(phrase, java.util.Optional.ofNullable(found));
        }
        return found;
    }

    private Street fuzzyStreetUncached(String phrase) {
        int edits = phrase.length() >= 9 ? 2 : 1;
        // Most phrases are near no street at all; a bounded edit distance says so faster than an automaton.
        boolean anyClose = false;
        for (String key : streetsByKey.keySet()) {
            if (Math.abs(key.length() - phrase.length()) <= edits && editDistance(key, phrase, edits) <= edits) {
                anyClose = true;
                break;
            }
        }
        if (!anyClose) {
            return null;
        }
        try {
            TopDocs top = streetSearcher.search(new FuzzyQuery(new Term("key", phrase), edits, 1), 2);
            if (top.scoreDocs.length == 0) {
                return firstLetterMisheard(phrase);
            }
            ScoreDoc best = top.scoreDocs[0];
            if (top.scoreDocs.length > 1 && top.scoreDocs[1].score >= best.score) {
                return null; // two streets equally close: do not guess
            }
            return streetsByKey.get(streetSearcher.storedFields().document(best.doc).get("key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How long a phrase must be before a misheard first letter is forgiven ("Wassartweg", "Bindestraat"). */
    private static final int FIRST_LETTER_MIN = 8;
    /** ... and how long the name's own part (without "straat", "weg") must be. */
    private static final int FIRST_LETTER_STEM = 5;

    /**
     * A speech recogniser mishears the first letter too ("wassartweg"): forgiven only when the rest
     * is spelt exactly, the phrase is long, and exactly one street fits ("merkstraat" could be
     * Berkstraat or Kerkstraat: neither).
     */
    private Street firstLetterMisheard(String phrase) {
        if (phrase.length() < FIRST_LETTER_MIN) {
            return null;
        }
        Street found = null;
        for (Street street : streetsByKey.values()) {
            String key = street.key();
            int stem = key.length() - STREET_SUFFIXES.stream().filter(key::endsWith).mapToInt(String::length)
                    .max().orElse(0);
            if (stem < FIRST_LETTER_STEM) {
                continue; // "olm" with its first letter wrong is a third of the name
            }
            boolean substituted = key.length() == phrase.length() && key.substring(1).equals(phrase.substring(1));
            boolean dropped = key.length() == phrase.length() + 1 && key.substring(1).equals(phrase);
            boolean added = key.length() + 1 == phrase.length() && phrase.substring(1).equals(key);
            if (substituted || dropped || added) {
                if (found != null) {
                    return null;
                }
                found = street;
            }
        }
        return found;
    }

    private static int numberAfter(List<String> tokens, int from) {
        int i = from;
        int skipped = 0;
        while (i < tokens.size() && NUMBER_LEAD.contains(tokens.get(i)) && skipped < 2) {
            i++;
            skipped++;
        }
        return numberAt(tokens, i);
    }

    private static int numberBefore(List<String> tokens, int streetStart) {
        // "nr 23 beukstraat", "(nr. 8) ... " directly before the street
        if (streetStart >= 2 && NUMBER_LEAD.contains(tokens.get(streetStart - 2))) {
            return numberAt(tokens, streetStart - 1);
        }
        return -1;
    }

    /** "nr. 20", "nummer drieëntwintig" anywhere: the problem's number when the street is named elsewhere. */
    private static int standaloneNumber(List<String> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("nr") || t.equals("nummer") || t.equals("huisnummer") || t.equals("no")) {
                int n = numberAt(tokens, i + 1);
                if (n > 0) {
                    return n;
                }
            }
        }
        return -1;
    }

    /** After "op"/"bij" a number is a count, a date or a distance when one of these follows. */
    private static final Set<String> NOT_A_HOUSE = Set.of("uur", "u", "minuten", "min", "meter", "m", "km", "kilometer",
            "jaar", "jaren", "dagen", "dag", "weken", "maanden", "keer", "man", "mensen", "personen", "auto", "autos",
            "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december", "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec",
            "procent", "euro", "graden", "decibel", "db", "cm", "kmh", "km/u", "stuks", "am", "pm");

    /**
     * "de muziek op 9", "de buren van 23": a number that may be a house, only for matching against
     * the live clusters' house numbers (never on its own a place).
     */
    private static int houseLikeNumber(List<String> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            String t = tokens.get(i);
            if ((t.equals("op") || t.equals("bij") || t.equals("van")) && HOUSE_NUMBER.matcher(tokens.get(i + 1)).matches()
                    && (i + 2 >= tokens.size() || !NOT_A_HOUSE.contains(tokens.get(i + 2)))) {
                return numberAt(tokens, i + 1);
            }
        }
        return -1;
    }

    private static int numberAt(List<String> tokens, int i) {
        if (i >= tokens.size()) {
            return -1;
        }
        String t = tokens.get(i);
        Matcher digits = HOUSE_NUMBER.matcher(t);
        if (digits.matches()) {
            int n = Integer.parseInt(digits.group(1));
            return n > 0 && n < 2000 ? n : -1;
        }
        for (int n = 3; n >= 1; n--) {
            if (i + n <= tokens.size()) {
                int value = DutchNumbers.parse(String.join("", tokens.subList(i, i + n)));
                if (value > 0 && !(n == 1 && t.equals("een"))) {
                    return value;
                }
            }
        }
        return -1;
    }

    /** Runs of one to three words glued together ("ter weijer park" → "terweijerpark"), with their words. */
    private static Map<String, List<String>> phrases(List<String> tokens) {
        Map<String, List<String>> phrases = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            StringBuilder s = new StringBuilder();
            for (int n = 0; n < 3 && i + n < tokens.size(); n++) {
                s.append(tokens.get(i + n));
                if (s.length() >= 4) {
                    phrases.putIfAbsent(s.toString(), tokens.subList(i, i + n + 1));
                }
            }
        }
        return phrases;
    }

    private static String stripSuffix(String phrase) {
        for (String suffix : STREET_SUFFIXES) {
            if (phrase.endsWith(suffix) && phrase.length() > suffix.length() + 3) {
                return phrase.substring(0, phrase.length() - suffix.length());
            }
        }
        return phrase;
    }

    private static boolean close(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int allowed = b.length() >= 9 ? 2 : b.length() >= 6 ? 1 : 0;
        return allowed > 0 && Math.abs(a.length() - b.length()) <= allowed && editDistance(a, b, allowed) <= allowed;
    }

    static int editDistance(String a, String b, int limit) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private IndexSearcher streetIndex() {
        try {
            ByteBuffersDirectory directory = new ByteBuffersDirectory();
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new KeywordAnalyzer()))) {
                for (Street street : streetsByKey.values()) {
                    Document doc = new Document();
                    doc.add(new StringField("key", street.key(), Field.Store.YES));
                    writer.addDocument(doc);
                }
            }
            return new IndexSearcher(DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String typeWords(String name) {
        StringBuilder words = new StringBuilder();
        for (String token : words(fold(name))) {
            for (String suffix : TYPE_SUFFIXES) {
                if (token.endsWith(suffix) && !token.equals(suffix)) {
                    words.append(' ').append(suffix);
                }
            }
        }
        return words.toString();
    }

    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    static String key(String name) {
        return fold(name).replaceAll("[^a-z]", "");
    }

    static List<String> words(String folded) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(folded);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
