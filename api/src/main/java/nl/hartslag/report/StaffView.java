package nl.hartslag.report;

import java.time.Instant;
import java.util.Optional;

/** A report as coordinators work with it; the contact is only filled for roles that may see it. */
public record StaffView(Reference reference, String categoryCode, ReportStatus status, String description,
        Channel channel, double lat, double lon, String street, String houseNumber, Instant occurredAt,
        Instant receivedAt, String language, Optional<NewReport.Contact> contact) {
}
