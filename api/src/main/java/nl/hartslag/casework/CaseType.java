package nl.hartslag.casework;

public enum CaseType {
    MEDIATION, WORK_ORDER, ESCALATION
}
