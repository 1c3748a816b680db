package nl.hartslag.report;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a report stands, as the resident sees it. The allowed moves are listed explicitly (after
 * Amsterdam Signals' ALLOWED_STATUS_CHANGES); later issues add routing states here and in the
 * table's check constraint.
 */
public enum ReportStatus {
    RECEIVED, IN_PROGRESS, RESOLVED, CLOSED;

    private static final Map<ReportStatus, Set<ReportStatus>> ALLOWED = Map.of(
            RECEIVED, EnumSet.of(IN_PROGRESS, RESOLVED, CLOSED),
            IN_PROGRESS, EnumSet.of(RESOLVED, CLOSED),
            // A resident can say "not solved": the report goes back to work.
            RESOLVED, EnumSet.of(IN_PROGRESS, CLOSED),
            CLOSED, EnumSet.noneOf(ReportStatus.class));

    public boolean canMoveTo(ReportStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /** The message key of the public history line written when a report enters this status. */
    public String messageCode() {
        return "report.status." + name().toLowerCase(java.util.Locale.ROOT) + ".message";
    }

    public String labelCode() {
        return "report.status." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
