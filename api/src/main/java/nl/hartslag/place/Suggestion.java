package nl.hartslag.place;

/**
 * A street or named place offered while a resident types a place. {@code street} is the street a
 * landmark stands on (name only, never its number); {@code lat}/{@code lon} the street's or
 * landmark's one public point, where a map puts the pin when the resident picks it.
 */
public record Suggestion(String name, Kind kind, Integer houseFrom, Integer houseTo, String postcode,
        String neighbourhood, String street, Double lat, Double lon) {

    public enum Kind {
        STREET, PLACE
    }
}
