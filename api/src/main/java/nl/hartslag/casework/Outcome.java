package nl.hartslag.casework;

/** How a mediation ended. */
public enum Outcome {
    AGREEMENT, PARTIAL, NO_AGREEMENT, REFERRED, PARTY_DECLINED, NOT_SUITABLE
}
