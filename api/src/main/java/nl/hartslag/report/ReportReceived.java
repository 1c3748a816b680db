package nl.hartslag.report;

import java.util.UUID;

/** Published after a new report is committed, for features that act on new reports (matching, notifier). */
public record ReportReceived(UUID reportId, Reference reference) {
}
