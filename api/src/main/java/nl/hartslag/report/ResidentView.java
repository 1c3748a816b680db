package nl.hartslag.report;

import java.time.Instant;
import java.util.List;

/**
 * What the holder of a tracking token may see of a report: no contact data, no exact address,
 * only the public part of its history.
 */
public record ResidentView(Reference reference, String categoryCode, ReportStatus status, String description,
        Instant receivedAt, double approximateLat, double approximateLon, String street, List<HistoryEntry> history) {

    /** One public line of history; the message key is rendered in the reader's language. */
    public record HistoryEntry(Instant at, ReportStatus status, String messageCode, String publicNote) {
    }
}
