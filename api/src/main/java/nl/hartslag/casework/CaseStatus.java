package nl.hartslag.casework;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.hartslag.domain.IllegalTransition;

/**
 * Where a case ({@code case_file.status}) stands, for every instrument. The allowed moves are a
 * table, like {@code report.ReportStatus}; the column stores {@link #name()}.
 */
public enum CaseStatus {
    /** Being worked on: offered, mediated, on the WOP's list, on a meeting's agenda. */
    OPEN,
    /** A work order the WOP marked done; the resident may still say it is not solved. */
    DONE,
    /** Finished for good: a mediation's outcome, or a case left without reports. */
    CLOSED;

    private static final Map<CaseStatus, Set<CaseStatus>> ALLOWED = Map.of(
            OPEN, EnumSet.of(DONE, CLOSED),
            // "Niet opgelost" within the window reopens a work order.
            DONE, EnumSet.of(OPEN),
            CLOSED, EnumSet.noneOf(CaseStatus.class));

    /**
     * Every value {@code case_file.status} holds while a case is open: a work order refines OPEN into
     * its own states (onderweg, niet voor ons — see {@code workorder.WorkOrderStatus}), which the
     * kernel sees as open. For SQL: {@code status = any(:open)}.
     */
    public static final List<String> STORED_WHILE_OPEN = List.of("OPEN", "UNDERWAY", "NOT_FOR_US");

    /** The lifecycle state of a stored {@code case_file.status}; a work order's own open states read as OPEN. */
    public static CaseStatus of(String stored) {
        return STORED_WHILE_OPEN.contains(stored) ? OPEN : valueOf(stored);
    }

    public boolean canMoveTo(CaseStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Whether anyone may still act on the case. */
    public boolean isOpen() {
        return this == OPEN;
    }

    /** The move to {@code next}, or the refusal: {@link CaseClosed} when nothing may change any more. */
    public void requireMoveTo(CaseStatus next) {
        if (canMoveTo(next)) {
            return;
        }
        throw this == CLOSED ? new CaseClosed() : new IllegalTransition("illegal-case-transition", this, next, this, next);
    }
}
