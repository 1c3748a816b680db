package nl.hartslag.report;

import java.time.Instant;
import java.util.UUID;

/**
 * What other features (case work) need to know about a report to act on it: never the reporter's
 * identity. The house number is here because the WOP must find the spot; it is never shown to
 * volunteers before they accept a case.
 */
public record ReportFacts(UUID id, Reference reference, String categoryCode, ReportStatus status, String description,
        String street, String houseNumber, double lat, double lon, boolean placeKnown, String language,
        Channel channel, Instant receivedAt) {
}
