package nl.hartslag.report;

import java.time.Instant;

/**
 * A reporter's answer to "Bent u tevreden?" about their solved or closed report: one per report,
 * with an optional reason (at most {@value #REASON_MAX} characters), by text or on the status page.
 * Staff-only: the reason is the resident's own words.
 */
public record Feedback(boolean satisfied, String reason, Via via, Instant answeredAt) {

    public static final int REASON_MAX = 500;

    /** How the answer came in. */
    public enum Via {
        WEB, SMS;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Via of(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Whether a report in this status may be answered about: once it is solved or closed. */
    public static boolean askable(ReportStatus status) {
        return status == ReportStatus.RESOLVED || status == ReportStatus.CLOSED;
    }
}
