package nl.hartslag.routing;

import nl.hartslag.casework.CaseType;

/** Where a report goes. */
public enum Instrument {
    /** Buurtbemiddeling: volunteer mediators, as a duo. */
    MEDIATION,
    /** The Woonomgevingploeg: a work order (with the police liaison informed when the rule says so). */
    WORK_ORDER,
    /** Only the coordinator: worries about a household. Never volunteers, never the WOP. */
    COORDINATOR,
    /** The coordinator decides per report (noise may be a dispute or a street party). */
    TRIAGE;

    /** Whether a report sent here reaches volunteers or the WOP (which a safeguarded report may not, yet). */
    boolean leavesCoordinators() {
        return this == MEDIATION || this == WORK_ORDER;
    }

    /** Whether a report routed here stays in an open case of this type (a case of another instrument it leaves). */
    boolean keeps(CaseType type) {
        return (type == CaseType.MEDIATION && this == MEDIATION) || (type == CaseType.WORK_ORDER && this == WORK_ORDER);
    }
}
