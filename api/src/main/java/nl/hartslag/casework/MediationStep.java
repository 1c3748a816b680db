package nl.hartslag.casework;

/**
 * The steps of the mediation method: intake by the coordinator, offered to volunteers, a duo
 * assigned, the conversation with party A, with party B, the joint conversation, closed.
 */
public enum MediationStep {
    INTAKE, OFFERED, ASSIGNED, TALK_A, TALK_B, JOINT, CLOSED
}
