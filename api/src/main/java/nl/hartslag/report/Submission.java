package nl.hartslag.report;

/** The answer to a submission: what the resident needs to follow their report. */
public record Submission(Reference reference, String trackingToken, ReportStatus status, boolean created) {

    @Override
    public String toString() {
        return "Submission[" + reference + ", " + status + ", created=" + created + "]";
    }
}
