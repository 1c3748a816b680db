package nl.hartslag.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A report as coordinators work with it; the contact is only filled for roles that may see it.
 * {@code placeKnown} is false for a text or call that never said where (stored at the area's
 * middle); {@code speechConfidence} is the recogniser's certainty for a phoned-in text; photos are
 * only filled for a single report.
 */
public record StaffView(Reference reference, String categoryCode, ReportStatus status, String description,
        Channel channel, double lat, double lon, String street, String houseNumber, Instant occurredAt,
        Instant receivedAt, String language, Optional<NewReport.Contact> contact, boolean placeKnown,
        Float speechConfidence, List<NewReport.Photo> photos) {

    /** The same view with another text (the original, for those who may see the reporter's contact). */
    public StaffView withDescription(String text) {
        return new StaffView(reference, categoryCode, status, text, channel, lat, lon, street, houseNumber, occurredAt,
                receivedAt, language, contact, placeKnown, speechConfidence, photos);
    }
}
