package nl.hartslag.matching;

/**
 * One piece of evidence about where a report's problem is. The source matters: a house number in
 * the text names the problem's address; a typed address is often the reporter's own home.
 */
record Place(Source source, String street, int houseNumber, String namedPlace, Double lat, Double lon) {

    enum Source {
        /** A map link in an SMS: where the sender stood. */
        MAP_LINK,
        /** A named place in the text ("speeltuin Jasmijnhof"). */
        NAMED_PLACE,
        /** Street and house number in the text: the problem's address. */
        TEXT_ADDRESS,
        /** A street in the text without a number. */
        TEXT_STREET,
        /** The GPS pin of a web report: the spot, or the reporter's home. */
        PIN,
        /** The address typed in a form: often the reporter's home, near the problem. */
        TYPED_ADDRESS,
        /** Where two streets named in the text meet ("hoek Berk/Esdoorn"): a point, no name. */
        CORNER,
        /**
         * A kind of landmark at a named street where no landmark of that kind is known ("de garages
         * achter de Seringstraat"): {@code namedPlace} is "kind · street", the point the street's.
         */
        KIND_AT_STREET
    }

    boolean hasCoordinates() {
        return lat != null;
    }

    /** Coordinates of the spot itself (or close to it), not the middle of a street segment. */
    boolean precise() {
        return source == Source.MAP_LINK || source == Source.NAMED_PLACE || source == Source.PIN
                || source == Source.CORNER;
    }
}
