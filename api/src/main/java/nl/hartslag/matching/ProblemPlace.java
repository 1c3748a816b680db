package nl.hartslag.matching;

/**
 * Where a report's problem is, as the engine reads it, kept apart from where the reporter lives.
 * {@code source} says what it was read from, in lower case: {@code named_place}, {@code text_address},
 * {@code text_street}, {@code map_link}, {@code pin}, {@code typed_address} (more may come as the
 * engine learns to read places), or {@link #NONE} when nothing said where.
 *
 * <p>A typed address is often the reporter's own home: when it is all there is, the problem place
 * is its street only, never its house number. A house number is only ever one the words gave.
 */
public record ProblemPlace(String source, String street, Integer houseNumber, String namedPlace, Double lat,
        Double lon) {

    /** Nothing in the report said where. */
    public static final String NONE = "none";
    /** Read from an address typed into a form (or by an operator): street level only. */
    public static final String TYPED_ADDRESS = "typed_address";

    public ProblemPlace {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a problem place says where it was read from");
        }
        if ((lat == null) != (lon == null)) {
            throw new IllegalArgumentException("lat and lon come together");
        }
    }

    static ProblemPlace unknown() {
        return new ProblemPlace(NONE, null, null, null, null, null);
    }

    public boolean known() {
        return !NONE.equals(source);
    }

    /** The same place with a street name from elsewhere (a pin's nearest street), if it had none. */
    public ProblemPlace withStreet(String nearestStreet) {
        return street != null || nearestStreet == null ? this
                : new ProblemPlace(source, nearestStreet, houseNumber, namedPlace, lat, lon);
    }
}
