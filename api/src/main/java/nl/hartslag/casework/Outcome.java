package nl.hartslag.casework;

/**
 * How a mediation ended ({@code case_file.outcome}). In the kernel, not in {@code mediation}: the
 * escalation instrument reads it too ("what was done" about a problem, and "no agreement, then new
 * reports" proposes a meeting). Which step may close with which outcome is mediation's table
 * ({@code mediation.MediationStep}).
 */
public enum Outcome {
    AGREEMENT, PARTIAL, NO_AGREEMENT, REFERRED, PARTY_DECLINED, NOT_SUITABLE
}
