package nl.hartslag.casework;

/** Where a report goes. */
public enum Instrument {
    /** Buurtbemiddeling: volunteer mediators, as a duo. */
    MEDIATION,
    /** The Woonomgevingploeg: a work order (with the police liaison informed when the rule says so). */
    WORK_ORDER,
    /** Only the coordinator: worries about a household. Never volunteers, never the WOP. */
    COORDINATOR,
    /** The coordinator decides per report (noise may be a dispute or a street party). */
    TRIAGE
}
