package nl.hartslag.workorder;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a work order stands (stored in {@code case_file.status}). The allowed moves are listed
 * explicitly, like {@link nl.hartslag.report.ReportStatus}; anything else is refused.
 *
 * <pre>
 * OPEN       → UNDERWAY (WOP: "onderweg"), DONE ("klaar"), NOT_FOR_US ("niet voor ons", with a reason), CLOSED
 * UNDERWAY   → DONE, NOT_FOR_US, CLOSED
 * DONE       → OPEN (the resident says it is not solved, within the window), CLOSED
 * NOT_FOR_US → OPEN (the coordinator gives it back to the team), CLOSED (its reports were routed elsewhere)
 * CLOSED     → nothing
 * </pre>
 */
public enum WorkOrderStatus {
    OPEN, UNDERWAY, DONE, NOT_FOR_US, CLOSED;

    private static final Map<WorkOrderStatus, Set<WorkOrderStatus>> ALLOWED = Map.of(
            OPEN, EnumSet.of(UNDERWAY, DONE, NOT_FOR_US, CLOSED),
            // Once on its way it does not go back to waiting: it is done, not theirs after all, or gone.
            UNDERWAY, EnumSet.of(DONE, NOT_FOR_US, CLOSED),
            DONE, EnumSet.of(OPEN, CLOSED),
            // Back with the coordinator: they send it to the team again or route its reports elsewhere.
            NOT_FOR_US, EnumSet.of(OPEN, CLOSED),
            CLOSED, EnumSet.noneOf(WorkOrderStatus.class));

    public boolean canMoveTo(WorkOrderStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Whether the work order is the team's to do: on their list, counted as "with the team" on the desk. */
    public boolean withTeam() {
        return this == OPEN || this == UNDERWAY;
    }

    public String labelCode() {
        return "workorder.status." + name().toLowerCase(Locale.ROOT);
    }

    /** The status a {@code case_file} row stores. */
    public static WorkOrderStatus of(String stored) {
        return valueOf(stored);
    }
}
