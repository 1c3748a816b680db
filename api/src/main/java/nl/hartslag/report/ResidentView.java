package nl.hartslag.report;

import java.time.Instant;
import java.util.List;

/**
 * What the holder of a tracking token may see of a report: no contact data, no exact address,
 * only the public part of its history. {@code street} is the problem's named place or street;
 * {@code pointsAtTheProblem} whether the approximate point is where the problem was seen (a pin, a
 * map link), so a status page may name the landmark there.
 */
public record ResidentView(Reference reference, String categoryCode, ReportStatus status, String description,
        Instant receivedAt, double approximateLat, double approximateLon, String street, List<HistoryEntry> history,
        boolean pointsAtTheProblem) {

    /** One public line of history; the message key is rendered in the reader's language. */
    public record HistoryEntry(Instant at, ReportStatus status, String messageCode, String publicNote) {
    }
}
