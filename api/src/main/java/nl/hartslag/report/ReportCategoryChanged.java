package nl.hartslag.report;

/**
 * Published after a coordinator's category change of a report is committed: the matching engine
 * reads the report again, so its cluster compares by the corrected category, as a rebuild would.
 */
public record ReportCategoryChanged(Reference reference) {
}
