package nl.hartslag.place;

/** A street or named place offered while a resident types a place. */
public record Suggestion(String name, Kind kind, Integer houseFrom, Integer houseTo, String postcode,
        String neighbourhood) {

    public enum Kind {
        STREET, PLACE
    }
}
