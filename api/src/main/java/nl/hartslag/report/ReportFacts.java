package nl.hartslag.report;

import java.time.Instant;
import java.util.UUID;

/**
 * What other features (case work) need to know about a report to act on it: never the reporter's
 * identity. {@code street} and {@code houseNumber} are the address the reporter gave (often their
 * home: mediation uses it for party A); teams that act on the problem use {@link #problemPlace()}.
 */
public record ReportFacts(UUID id, Reference reference, String categoryCode, ReportStatus status, String description,
        String street, String houseNumber, double lat, double lon, boolean placeKnown, String language,
        Channel channel, Instant receivedAt, ProblemPlace problemPlace) {

    /**
     * Where the problem is as the matching engine read it (V17), apart from the reporter's address
     * above: a named place, a street and a house number the words gave. All null until read.
     */
    public record ProblemPlace(String placeName, String street, Integer houseNumber) {

        public boolean known() {
            return placeName != null || street != null;
        }
    }

    /**
     * How teams name the problem's place: its named place, else its street with a number the words
     * gave; before the report was read, the street the reporter gave, never their house number.
     */
    public String problemLabel() {
        if (problemPlace.placeName() != null) {
            return problemPlace.placeName();
        }
        if (problemPlace.street() != null) {
            return problemPlace.street() + (problemPlace.houseNumber() == null ? "" : " " + problemPlace.houseNumber());
        }
        return street;
    }

    /** The problem's street name (no number), for lists; the reporter's street before the report was read. */
    public String problemStreet() {
        return problemPlace.street() != null ? problemPlace.street() : street;
    }
}
