package nl.hartslag.report;

import java.time.Instant;

/** One of a reporter's own reports, as they may hear about it: reference, status, when. */
public record ReporterReport(Reference reference, ReportStatus status, Instant receivedAt) {
}
