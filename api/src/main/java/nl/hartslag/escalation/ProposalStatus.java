package nl.hartslag.escalation;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a proposal for the Casuïstiekoverleg stands (stored in {@code escalation_proposal.status}).
 *
 * <pre>
 * PROPOSED  → ON_AGENDA (the coordinator puts it on a meeting's agenda), DISMISSED (with a note)
 * ON_AGENDA → ON_AGENDA (a later meeting takes the same case again)
 * DISMISSED → nothing
 * </pre>
 */
public enum ProposalStatus {
    PROPOSED, ON_AGENDA, DISMISSED;

    private static final Map<ProposalStatus, Set<ProposalStatus>> ALLOWED = Map.of(
            PROPOSED, EnumSet.of(ON_AGENDA, DISMISSED),
            // The problem is the meeting's now: it can come back on an agenda, but is no longer dismissed.
            ON_AGENDA, EnumSet.of(ON_AGENDA),
            DISMISSED, EnumSet.noneOf(ProposalStatus.class));

    public boolean canMoveTo(ProposalStatus next) {
        return ALLOWED.get(this).contains(next);
    }
}
