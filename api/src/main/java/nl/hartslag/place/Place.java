package nl.hartslag.place;

/**
 * A place resolved from what a resident typed: the street (or named place), house number if any,
 * and the coordinate we store with the report.
 */
public record Place(String street, String houseNumber, String postcode, double lat, double lon,
        String neighbourhood) {
}
