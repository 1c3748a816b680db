package nl.hartslag.matching;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;

/**
 * Reads a free text (a text message, a caller's words) for where and what, with the same analysis
 * the engine matches with: streets typo-tolerant and as a speech recogniser splits them, numbers in
 * words, named places, map links; and the most likely category from the kinds of problem named.
 * SMS and phone reports have no form, so this is how they get a place and a category; a coordinator
 * corrects a wrong guess. Thread-safe.
 */
public final class TextReading {

    /**
     * How a place was named, strongest first. Only {@link #STREET} (no number) is too vague to act on:
     * a corner ("hoek Linde/Populier") is where two streets meet, a kind of landmark at a street ("de
     * garages achter de X-straat") is that spot of the street, both enough to go and look.
     */
    public enum PlaceKind {
        ADDRESS, NAMED_PLACE, MAP_LINK, CORNER, KIND_AT_STREET, STREET
    }

    /**
     * Where the text says the problem is; {@code houseNumber} only for an address; {@code name} for a
     * named place, or how to say a kind of landmark at a street ("garages bij de Lindestraat").
     */
    public record FoundPlace(PlaceKind kind, String street, Integer houseNumber, String name, double lat, double lon) {
    }

    /** What was read: the strongest place, and the category the words point to (empty: no clue). */
    public record Reading(Optional<FoundPlace> place, Optional<String> categoryCode) {
    }

    private final NuisanceAnalysis analysis;
    private final PlaceFinder places;

    private TextReading(List<StreetSegment> streets, List<NamedPlace> namedPlaces) {
        this.analysis = new NuisanceAnalysis();
        this.places = new PlaceFinder(streets, namedPlaces, analysis);
    }

    public static TextReading over(List<StreetSegment> streets, List<NamedPlace> namedPlaces) {
        return new TextReading(streets, namedPlaces);
    }

    public Reading read(String text) {
        Map<String, Integer> concepts = analysis.concepts(text);
        IncomingReport report = new IncomingReport("reading", Instant.EPOCH, "sms", text, null, null, null, null);
        List<Place> found = places.find(report, concepts.keySet());
        return new Reading(strongest(found, text), category(concepts, ViolenceSignal.in(analysis, text)));
    }

    private static Optional<FoundPlace> strongest(List<Place> found, String text) {
        FoundPlace best = null;
        for (Place place : found) {
            FoundPlace candidate = switch (place.source()) {
                case TEXT_ADDRESS -> new FoundPlace(PlaceKind.ADDRESS, place.street(), place.houseNumber(), null,
                        place.lat(), place.lon());
                case NAMED_PLACE -> new FoundPlace(PlaceKind.NAMED_PLACE, null, null, place.namedPlace(), place.lat(),
                        place.lon());
                case MAP_LINK -> new FoundPlace(PlaceKind.MAP_LINK, null, null, null, place.lat(), place.lon());
                case CORNER -> new FoundPlace(PlaceKind.CORNER, null, null, null, place.lat(), place.lon());
                case KIND_AT_STREET -> new FoundPlace(PlaceKind.KIND_AT_STREET, place.street(), null,
                        kindAtStreet(place, text), place.lat(), place.lon());
                case TEXT_STREET -> new FoundPlace(PlaceKind.STREET, place.street(), null, null, place.lat(),
                        place.lon());
                default -> null;
            };
            if (candidate != null && (best == null || candidate.kind().ordinal() < best.kind().ordinal())) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    private static final PlaceKinds KINDS = PlaceKinds.standard();

    /**
     * "garages · Lindestraat" (the engine's key) said back in the resident's own word for the kind:
     * "garages bij de Lindestraat" (else the kind's first word in place-kinds.txt).
     */
    private static String kindAtStreet(Place place, String text) {
        String kind = place.namedPlace() == null ? "" : place.namedPlace().split(" · ", 2)[0];
        List<String> tokens = PlaceFinder.words(PlaceFinder.fold(text));
        String said = KINDS.mentions(tokens).stream()
                .filter(m -> m.kind().equals(kind))
                .findFirst()
                .map(m -> String.join(" ", tokens.subList(m.from(), m.to())))
                .orElseGet(() -> KINDS.wordFor(kind));
        return said + " bij de " + place.street();
    }

    /** The first of {@link CategoryGuess}'s ranking: the form's suggestion and a text's category are one rule. */
    private static Optional<String> category(Map<String, Integer> concepts, boolean violence) {
        return CategoryGuess.rank(concepts, violence).stream().findFirst().map(CategoryGuess.Scored::code);
    }
}
