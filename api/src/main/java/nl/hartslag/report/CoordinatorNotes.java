package nl.hartslag.report;

import reactor.core.publisher.Flux;

/**
 * What another feature keeps about a report for coordinators' eyes only, shown on the coordinator's
 * report view and nowhere else (issue 16: the outreach worker's own note). The report feature only
 * asks; the feature that keeps the note implements this, so the report never depends on it. The view
 * records each note's {@code field} in the audit trail: a note may describe a household.
 */
public interface CoordinatorNotes {

    /** The notes about the report with this reference (none for most reports). */
    Flux<CoordinatorNote> about(Reference reference);

    /**
     * One note: {@code field} names it in the audit trail ({@code outreach-note}), {@code author} is the
     * staff member who wrote it, {@code text} the note itself (personal data).
     */
    record CoordinatorNote(String field, String author, String text) {

        @Override
        public String toString() {
            return "CoordinatorNote[" + field + ", redacted]";
        }
    }
}
