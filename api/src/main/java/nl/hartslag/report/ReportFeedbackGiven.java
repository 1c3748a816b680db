package nl.hartslag.report;

import java.util.UUID;

/** Published after the commit of a reporter's satisfaction answer, for features that react to it. */
public record ReportFeedbackGiven(UUID reportId, Reference reference, String categoryCode, boolean satisfied) {
}
